import { z } from 'zod';
import { idSchema, isoDateSchema, type DocumentKind, type DocumentStatus } from './document';

/** Committee sessions ("Sitzungen") with agenda items (TOP) and the library documents attached to them. */
export const SESSION_STATUSES = ['draft', 'final'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const sessionStatusSchema = z.enum(SESSION_STATUSES);

const textField = (max: number) => z.string().trim().max(max);

export const newSessionSchema = z.object({
  title: z.string().trim().min(1, 'Titel darf nicht leer sein').max(500),
  committee: textField(500).nullable().optional(),
  date: isoDateSchema.nullable().optional(),
  place: textField(500).nullable().optional(),
  status: sessionStatusSchema.optional(),
});
export type NewSession = z.infer<typeof newSessionSchema>;

export const sessionPatchSchema = newSessionSchema.partial();
export type SessionPatch = z.infer<typeof sessionPatchSchema>;

export const newAgendaItemSchema = z.object({
  title: z.string().trim().min(1, 'Titel darf nicht leer sein').max(1000),
  description: textField(20_000).nullable().optional(),
  /** 0-based place among the session's items; appended at the end when missing. */
  position: z.number().int().min(0).max(10_000).optional(),
});
export type NewAgendaItem = z.infer<typeof newAgendaItemSchema>;

export const agendaItemPatchSchema = newAgendaItemSchema.omit({ position: true }).partial();
export type AgendaItemPatch = z.infer<typeof agendaItemPatchSchema>;

/** A complete new order: every id exactly once. */
export const idOrderSchema = z.array(idSchema).max(10_000);

export interface SessionSummary {
  id: string;
  title: string;
  committee: string | null;
  date: string | null;
  place: string | null;
  status: SessionStatus;
  itemCount: number;
  updatedAt: string;
}

export interface AgendaDocument {
  id: string;
  title: string;
  kind: DocumentKind;
  date: string | null;
  status: DocumentStatus;
}

export interface AgendaItem {
  id: string;
  sessionId: string;
  /** "TOP n" = position + 1. */
  position: number;
  title: string;
  description: string | null;
  documents: AgendaDocument[];
}

export interface CommitteeSession extends Omit<SessionSummary, 'itemCount'> {
  createdAt: string;
  items: AgendaItem[];
}
