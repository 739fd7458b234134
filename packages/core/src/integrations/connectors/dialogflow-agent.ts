import type { v2 } from '@google-cloud/dialogflow';

/** What the agent made of one utterance. */
export interface DetectedIntent {
  intent: string | null;
  confidence: number;
  fulfillmentText: string;
  parameters: Record<string, unknown>;
}

/** Talks to one Dialogflow agent. */
export interface DialogflowAgent {
  /** Sends the caller's text in a session (a call, say) and returns the matched intent. */
  detectIntent(input: {
    sessionId: string;
    text: string;
    languageCode?: string;
  }): Promise<DetectedIntent>;
}

export function dialogflowAgent(client: v2.SessionsClient, projectId: string): DialogflowAgent {
  return {
    async detectIntent({ sessionId, text, languageCode }) {
      const [response] = await client.detectIntent({
        session: client.projectAgentSessionPath(projectId, sessionId),
        queryInput: { text: { text, languageCode: languageCode ?? 'en-US' } },
      });
      const result = response.queryResult ?? {};
      return {
        intent: result.intent?.displayName ?? null,
        confidence: result.intentDetectionConfidence ?? 0,
        fulfillmentText: result.fulfillmentText ?? '',
        parameters: (result.parameters?.fields ?? {}) as Record<string, unknown>,
      };
    },
  };
}
