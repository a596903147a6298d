export { waitText } from '../../signaling/client/i18n/waitText';
