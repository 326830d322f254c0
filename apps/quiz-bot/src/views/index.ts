export type { Picture } from './pictures';
export {
  blockDiagram,
  DEPTHWISE_SEPARABLE,
  featureMapsPicture,
  INCEPTION_3A,
  leaderboardChart,
  picturesFor,
  RESIDUAL_UNIT,
  SE_BLOCK,
} from './pictures';
export { renderPng } from './render';
export type { AnswerResultView, LeaderboardView, PartView, QuestionView, Verdict } from './results';
export { answerResultView, leaderboardView, partView, questionView } from './results';
