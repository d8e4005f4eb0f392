export { splitWorkbook, SplitWorkbookDataSchema, AMOUNT_FORMAT, SHARE_FORMAT } from './split-workbook';
