export type { AnswerResult, EngineDependencies, LeaderboardPeriod, Measurer } from './engine';
export { cleanAnswer, MAX_ANSWER_LENGTH, QuizEngine } from './engine';
export type { QuizErrorCode } from './errors';
export { QuizError } from './errors';
export type { Grade } from './grading/grade';
export { gradeChoice, gradeNumeric, gradeRubric, normaliseText } from './grading/grade';
export type { ParsedQuantity, QuantityUnit } from './grading/quantity';
export { parseQuantity } from './grading/quantity';
export { QUESTION_IDS, QUESTIONS } from './questions/bank';
export type { ChoicePart, Concept, NumericPart, Part, Question, RubricPart } from './questions/schemas';
export type { AnswerInput } from './schemas';
export { answerInputSchema } from './schemas';
export { nextReviewCard, pointsFor, RateLimiter, ratingFor } from './scoring';
export type { OpenStoreOptions } from './store/open';
export { defaultSqlitePath, openStore } from './store/open';
export type {
  AttemptToRecord,
  LeaderboardRow,
  QuizStore,
  RecordedAttempt,
  StudyGroupInfo,
  UserStats,
} from './store/store';
export { exercise2Setting, exercise2VariantQuestion, MAX_VARIANT_MACS } from './variants';
export type { Measurement, MeasurementRequest, MeasurementRequestInput } from './verify/requests';
export { measurementRequestSchema } from './verify/requests';
export type { MeasurementServiceOptions } from './verify/service';
export { MeasurementService } from './verify/service';
