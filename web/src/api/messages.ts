import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'withdrawn';

export interface OutboxMessage {
  id: string;
  funderId: string | null;
  recipient: string;
  template: string;
  templateLabel: string;
  status: MessageStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxPage {
  smtpConfigured: boolean;
  counts: Record<MessageStatus, number>;
  messages: OutboxMessage[];
  failed: OutboxMessage[];
}

/** One message as its recipient reads it, its one-time link masked. */
export interface MessageText {
  id: string;
  recipient: string;
  template: string;
  templateLabel: string;
  status: MessageStatus;
  createdAt: string;
  sentAt: string | null;
  subject: string;
  text: string;
}

const KEY = ['admin', 'messages'] as const;

/** The platform's e-mail outbox (platform admins). */
export function useOutbox(recipient = '') {
  return useQuery({
    queryKey: [...KEY, { recipient }],
    queryFn: ({ signal }) =>
      api.get<OutboxPage>(
        recipient ? `/admin/messages?recipient=${encodeURIComponent(recipient)}` : '/admin/messages',
        { signal },
      ),
  });
}

/** A failed message queued again. */
export function useResendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ id: string }>(`/admin/messages/${encodeURIComponent(id)}/resend`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** One message's subject and text (platform admins). */
export function useMessage(id: string) {
  return useQuery({
    queryKey: [...KEY, id],
    queryFn: ({ signal }) => api.get<MessageText>(`/admin/messages/${encodeURIComponent(id)}`, { signal }),
  });
}
