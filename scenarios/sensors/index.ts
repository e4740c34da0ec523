export { CameraSensors, DEFAULT_SENSORS, type SeenAgent, type SensorSettings } from './cameraSensors.ts';
