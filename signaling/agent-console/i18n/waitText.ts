export { waitText } from '../../client/i18n/waitText';
