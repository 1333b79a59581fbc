import type { AnswerPayload, HostPayload, KickPayload, LeaderboardView, QuestionView, RevealView, SessionStateView } from './schemas.js';

/**
 * The `/live` namespace's events (DESIGN §4) as both sides type them: what the server sends,
 * and each client → server event with what its ack carries when it worked.
 */

/** A player as the host sees them in the lobby. */
export interface LivePlayer {
  studentId: string;
  name: string;
  schoolName: string;
}

export type RankedRow = LeaderboardView['top'][number];

/** `session:ended`: the podium (top three) and the top ten; a student also gets own rank and score. */
export interface EndedView {
  podium: RankedRow[];
  top: RankedRow[];
  you?: { rank: number | null; score: number };
}

/** Host only, throttled: how many play and how many answered the current question. */
export interface HostProgressView {
  players: number;
  answered: number;
}

export interface KickedView {
  sessionId: string;
}

/** What the server sends on `/live`. */
export interface LiveServerEvents {
  'question:start': (question: QuestionView) => void;
  'question:reveal': (reveal: RevealView) => void;
  leaderboard: (board: LeaderboardView) => void;
  'session:state': (state: SessionStateView) => void;
  'session:ended': (ended: EndedView) => void;
  'session:kicked': (payload: KickedView) => void;
  'host:progress': (progress: HostProgressView) => void;
}

export type HostCommand = 'host:start' | 'host:next' | 'host:reveal' | 'host:end' | 'host:skip' | 'host:pause' | 'host:resume';

/** Each client → server event: its payload, and what its ack carries when it worked. */
export type LiveRequests = {
  'session:join': [{ pin: string }, { state: SessionStateView }];
  'answer:submit': [AnswerPayload, { accepted: boolean; receivedAt: number }];
  'host:attach': [HostPayload, { state: SessionStateView; players: LivePlayer[] }];
  'host:kick': [KickPayload, { players: LivePlayer[] }];
} & { [E in HostCommand]: [HostPayload, { state: SessionStateView }] };
