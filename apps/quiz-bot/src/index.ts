export type {
  AnswerOptions,
  AnswerResult,
  EngineDependencies,
  LeaderboardPeriod,
  Measurer,
  ResolvedAnswer,
} from './engine';
export { cleanAnswer, MAX_ANSWER_LENGTH, QuizEngine } from './engine';
export type { QuizErrorCode, StorageErrorCode } from './errors';
export { QuizError } from './errors';
export type { ConventionFigure, Grade } from './grading/grade';
export { describeValue, gradeChoice, gradeNumeric, gradeRubric, normaliseText } from './grading/grade';
export type { LikelyMistake } from './grading/mistakes';
export { likelyMistakes } from './grading/mistakes';
export type { ParsedQuantity, QuantityUnit, WorkingStep } from './grading/quantity';
export { fitsAtWrittenPrecision, parseQuantity, significantDigitsOf } from './grading/quantity';
export { GradingWorker } from './grading-pool';
export type { IdentityNamespace } from './identity';
export { externalUserKey, MAX_NAME_LENGTH, nameKey } from './identity';
export { QUESTION_DEFINITIONS, QUESTION_IDS, QUESTIONS, VARIANT_QUESTION_IDS } from './questions/bank';
export type { QuestionDefinition } from './questions/define';
export type { ChoicePart, Concept, NumericPart, Part, Question, RubricPart } from './questions/schemas';
export type { BucketState, RateLimitPolicy } from './rate-limit';
export { DEFAULT_RATE_LIMIT, takeToken } from './rate-limit';
export type { RubricGrader, RubricRequest } from './rubric-grading';
export type { AnswerInput, AnswerRequestInput } from './schemas';
export { answerInputSchema, answerRequestSchema } from './schemas';
export type { GradedAnswer, ScoringDecision, ScoringStateBefore, ScoringWindow } from './scoring';
export { nextReviewCard, pointsFor, ratingFor, scoreAnswer, scoringWindowVariantKey } from './scoring';
export type { OpenStoreOptions } from './store/open';
export { defaultSqlitePath, openStore } from './store/open';
export { backupSqliteDatabase } from './store/sqlite-backup';
export type {
  AnswerKey,
  AttemptToRecord,
  LeaderboardRow,
  QuizStore,
  RecordedAttempt,
  RecordOptions,
  StudyGroupInfo,
  UserStats,
} from './store/store';
export type { Exercise2Setting } from './variants';
export { exercise2Setting, exercise2VariantQuestion, exercise2Working, MAX_VARIANT_MACS } from './variants';
export type { Measurement, MeasurementRequest, MeasurementRequestInput } from './verify/requests';
export { measurementRequestSchema } from './verify/requests';
export type { MeasurementServiceOptions } from './verify/service';
export { MeasurementService } from './verify/service';
