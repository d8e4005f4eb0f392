export { createLlmAdvisor, userMessage, type LlmAdvisorOptions, type LlmLog, type PartialListener, type StreamingAdvisor } from './advisor';
export { loadPrompts, type Prompts } from './prompts';
export { verifyAnswer, createLeakGuard, type VerifyResult, type VerifyContext, type PassageRef } from './verify';
export type { ToolDefinition } from './tools';
