/** Moved to src/http/client-ip.ts (GraphQL and the attachment routes share it); kept for old imports. */
export { clientIp, normaliseIp } from '../http/client-ip';
