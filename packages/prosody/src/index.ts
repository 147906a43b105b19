export {
  PROSODY_AUTHENTICATION,
  prosodyModuleDirectory,
  prosodyModuleFile,
} from './prosody-module-path.js';
