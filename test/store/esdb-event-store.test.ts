import { connectEsdb } from '../../src/store/esdb-event-store';
import { eventStoreConformance } from './event-store.conformance';

/**
 * Runs the conformance suite against the EventStoreDB at EVENTSTORE_TEST_URL. jest.config.js leaves
 * this file out (with one SKIP line) when the variable is unset. A URL that is set but
 * unreachable fails the suite: a configured server that is down is an error, not a skip.
 */
const url = process.env.EVENTSTORE_TEST_URL;
if (!url) throw new Error('EVENTSTORE_TEST_URL is not set: jest.config.js should have left this suite out');
eventStoreConformance('EventStoreDB', () => connectEsdb(url));
