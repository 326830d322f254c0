/*
 * Variants live with their questions (src/questions/qNN-*.ts); this module keeps the exercise-2
 * generator's public names where adapters and scripts import them.
 */
export {
  type Exercise2Setting,
  exercise2Setting,
  exercise2VariantQuestion,
  exercise2Working,
  MAX_VARIANT_MACS,
} from './questions/q02-parameters-and-ram';
