export { waitText } from '../../shared/i18n/waitText';
