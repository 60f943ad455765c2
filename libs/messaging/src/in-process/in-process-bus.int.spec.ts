import { describeBusContract, silentBusLogger } from '../contract/bus.contract';
import { InProcessBus } from './in-process-bus';

describeBusContract('in-process', () => new InProcessBus({ logger: silentBusLogger }));
