// The exchange's rule is the server's too (the statement's PDF says it the same way).
export {
  contestExchanges,
  type Exchange,
  exchangeText,
  quoted,
} from '../../../../../src/core/statement-exchange';
