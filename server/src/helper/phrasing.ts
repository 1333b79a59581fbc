import type { HelperSignDto } from '@tinhtao/shared';

/**
 * The optional language model a province runs itself (an OpenAI-compatible `/chat/completions`).
 * It may only rephrase what the rules found: the prompt holds the signs, their quotes, the advice
 * and the lessons' titles, never the whole message; an answer that drops a quote, or that calls the
 * message safe, is thrown away and the helper's own words stand.
 */
export interface LlmSettings {
  url: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

const SYSTEM = [
  'Bạn là trợ lý "Hỏi Tỉnh Táo" giúp học sinh Việt Nam 12–18 tuổi nhận ra lừa đảo trên mạng.',
  'Chỉ dùng các dấu hiệu, lời khuyên và bài học được cho. Không thêm dấu hiệu mới.',
  'Giữ nguyên từng trích dẫn trong ngoặc kép “…”. Không bao giờ nói tin nhắn là an toàn.',
  'Viết ngắn, thân thiện, tiếng Việt, xưng "em" với học sinh.',
].join(' ');

/** Words that would absolve a message: an answer with them is never shown. */
const ABSOLVES = /(?:là|có vẻ|hoàn toàn) an toàn|không phải (?:là )?lừa đảo|không có gì (?:đáng )?lo|is safe|not a scam/i;

export function acceptable(phrased: string, signs: readonly HelperSignDto[]): boolean {
  return phrased.trim().length > 0 && !ABSOLVES.test(phrased) && signs.every((s) => phrased.includes(s.quote));
}

export async function phrase(
  settings: LlmSettings,
  draft: { answer: string; signs: readonly HelperSignDto[] },
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  try {
    const response = await fetchImpl(`${settings.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
      body: JSON.stringify({
        model: settings.model,
        temperature: 0.2,
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: `Viết lại câu trả lời sau cho dễ hiểu hơn, giữ mọi trích dẫn:\n\n${draft.answer}` },
        ],
      }),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    return typeof content === 'string' && acceptable(content, draft.signs) ? content.trim() : null;
  } catch {
    return null;
  }
}
