import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { formatPassCode } from '../../../../src/core/pass-code';
import { REFUSAL_MESSAGES } from '../../../../src/core/session';
import { ApiError } from '../../api/client';
import { usePassCheck, usePlaceRedemptions } from '../../api/redemptions';
import { useSession } from '../../api/session';
import type { Redemption } from '../../api/types';
import { todayInParis } from '../../lib/format';
import { FlashAlert } from '../../ui/FlashAlert';
import { CodeForm } from '../../ui/pass/CodeForm';
import { readCode } from '../../ui/pass/readCode';
import { isPlaceAdmin, placeMembership, placeMemberships } from '../../ui/roles';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { draftCode, draftSession, keepDraftCode, keepDraftSession } from './deskDraft';
import { ProfileNotice } from './profile/ProfileNotice';
import { todayPage } from './redeem/daySessions';
import { NotQualified } from './redeem/NotQualified';
import { RecentRedemptions } from './redeem/RecentRedemptions';
import { SESSION_DATE_REFUSALS, SessionDateField } from './redeem/SessionDateField';
import { type SessionChoice, SessionForm } from './redeem/SessionForm';
import { Suspensions } from './redeem/Suspensions';
import { sessionDayProblem } from './redeem/sessionDay';
import { CheckFailure, Confirmation, PassVerdict } from './redeem/Verdict';

/** The place's desk: check a code, record the session it pays for, see and undo the latest ones. */
export function RedeemPage({ initialCode }: { initialCode?: string }) {
  useDocumentTitle('Encaisser un pass');
  const { data: session } = useSession();
  const place = placeMembership(session);
  if (!place) return null;
  return (
    <>
      <h1>Encaisser un pass</h1>
      {/* A person of several places also reads it in the list above (ui/WorkingAs): said there
          in the lead's size too, it pushed « Vérifier » below a laptop's 768 px. */}
      {place.organisationName && (
        <p className={placeMemberships(session).length > 1 ? fr.cx('fr-mb-2w') : fr.cx('fr-text--lead')}>
          {place.organisationName}
        </p>
      )}
      <FlashAlert />
      {isPlaceAdmin(session, place.organisationId) && <ProfileNotice placeId={place.organisationId} />}
      <NotQualified placeId={place.organisationId} />
      <Suspensions placeId={place.organisationId} />
      <Desk placeId={place.organisationId} initialCode={initialCode} />
      {/* Another place chosen (« Changer »): nothing said about the previous one's list stays. */}
      <RecentRedemptions key={place.organisationId} placeId={place.organisationId} />
    </>
  );
}

interface Entry {
  input: string;
  error?: string;
  checked: string | null;
}

/** What a code from the URL (a scanned QR code) gives: shown as printed, checked at once when well formed. */
function entryFrom(raw: string | undefined): Entry {
  if (!raw) return { input: '', checked: null };
  const r = readCode(raw);
  return r.ok
    ? { input: formatPassCode(r.code), checked: r.code }
    : { input: raw, error: r.error, checked: null };
}

function Desk({ placeId, initialCode }: { placeId: string; initialCode?: string }) {
  // A scanned code first; else the code this tab was typing before going to another page, as
  // it was typed (checked at once if whole, a half-typed one waits for the rest).
  const [entry, setEntry] = useState<Entry>(() => {
    if (initialCode) return entryFrom(initialCode);
    const input = draftCode(placeId);
    const r = readCode(input);
    return r.ok ? { input, checked: r.code } : { input, checked: null };
  });
  const [done, setDone] = useState<Redemption | null>(null);
  // The last session recorded at this place's desk today: the next pass's form starts from it,
  // so a workshop's participants take one choice. Kept for the day in the browser (deskDraft):
  // each participant's QR code opened in a new tab, or a tab the tablet discarded, brought the
  // form back to the defaults, silently. In memory too, where the browser keeps nothing.
  const [lastSession, setLastSession] = useState<SessionChoice | null>(() => draftSession(placeId));
  const inputRef = useRef<HTMLInputElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  // « Vérifier » was pressed: the verdict takes the focus when it comes (the button, only
  // aria-disabled while the check runs, keeps it until then). A check made while typing leaves
  // it in the field.
  const asked = useRef(false);
  // Read at each render, not when the page opened: a desk left open overnight records the new
  // day, unless the person chose an earlier one (choosing today again follows the day).
  const today = todayInParis();
  // As typed: '' while a part of the date is empty. Judged when the person asks for the check.
  const [chosenOn, setChosenOn] = useState<string | null>(null);
  const sessionOn = chosenOn ?? today;
  const [dateAsked, setDateAsked] = useState(false);
  const dateProblem = sessionDayProblem(sessionOn, today);
  // Today's sessions are checked and redeemed as always; only an earlier day is sent. A date
  // being typed is never sent: no verdict is given for a day the person did not mean.
  const lateOn = !dateProblem && sessionOn !== today ? sessionOn : undefined;
  const check = usePassCheck(placeId, dateProblem ? null : entry.checked, lateOn);
  // The same list as « Aujourd’hui » (one request), where a redemption just made is: cancelled
  // there, it must not stay confirmed here as one that may still be cancelled.
  const list = usePlaceRedemptions(placeId, todayPage(today));
  const navigate = useNavigate();

  // The code typed is kept for the tab, until its pass is redeemed (or the field is emptied).
  useEffect(() => keepDraftCode(placeId, done ? '' : entry.input), [placeId, entry.input, done]);

  // Another place chosen (« Changer », for a person who serves two): the code typed stays, and
  // the keyboard goes back to it; a confirmation of the previous place's redemption goes, and
  // the session's details are the new place's own.
  const [shownFor, setShownFor] = useState(placeId);
  if (shownFor !== placeId) {
    setShownFor(placeId);
    setDone(null);
    setLastSession(draftSession(placeId));
  }
  const firstPlace = useRef(placeId);
  useEffect(() => {
    if (placeId === firstPlace.current) return;
    firstPlace.current = placeId;
    inputRef.current?.focus();
  }, [placeId]);

  // Another QR code opened in this tab while the page is on screen starts over with it.
  const seen = useRef(initialCode);
  useEffect(() => {
    if (initialCode === undefined || initialCode === seen.current) return;
    seen.current = initialCode;
    setDone(null);
    setEntry(entryFrom(initialCode));
  }, [initialCode]);

  // The URL's code is only a way in: once the desk moves on, a reload must not check it again.
  const forgetUrlCode = () => {
    if (initialCode === undefined) return;
    seen.current = undefined;
    void navigate({ to: '/lieu', search: {}, replace: true });
  };

  const onType = (input: string) => {
    // A verdict must never stay beside a different code: the form under it would redeem the old one.
    // A complete, well-formed code (typed to its last character, pasted, or scanned) is checked
    // at once, and a complete one with a typo is said to be wrong at once; the check symbol
    // keeps half-typed or mistyped codes from ever being sent.
    const r = readCode(input);
    setEntry(
      r.ok ? { input, checked: r.code } : { input, checked: null, error: r.whole ? r.error : undefined },
    );
    setDone(null);
  };

  const onCheck = ({ fromField, scanned }: { fromField: boolean; scanned: boolean }) => {
    forgetUrlCode();
    setDone(null);
    setDateAsked(true);
    const r = readCode(entry.input);
    if (!r.ok) {
      setEntry({ input: entry.input, error: r.error, checked: null });
      inputRef.current?.focus();
      return;
    }
    if (dateProblem) {
      setEntry({ input: formatPassCode(r.code), checked: r.code });
      dateRef.current?.focus();
      return;
    }
    // Asked again on purpose, with « Vérifier »; not while the automatic check is on its way
    // (a scanner sends Enter right after the code), not by Entrée in the field once the answer
    // is there (it is the way on to the answer), nor for a code already found unknown: each
    // asking counts against the place's guesses (20 per window), and the place was locked out
    // after 10.
    const unknown = check.error instanceof ApiError && check.error.code === 'unknown_code';
    const same = r.code === entry.checked && !check.isFetching;
    const answered = same && (unknown || (fromField && check.data !== undefined && !check.isError));
    if (same && !answered) void check.refetch();
    // The answer stands: taken to it, as a new answer would be (then Tab goes on to the
    // session's theme). A scanner's Entrée leaves the keyboard in the field for the next scan:
    // the verdict, a live region, is read out all the same.
    if (answered && !scanned) resultRef.current?.focus();
    asked.current = !scanned && !answered;
    setEntry({ input: formatPassCode(r.code), checked: r.code });
  };

  const onAnother = () => {
    forgetUrlCode();
    setDone(null);
    setEntry({ input: '', checked: null });
    inputRef.current?.focus();
  };

  // The server's word on a malformed code belongs at the field, like the browser's own check.
  const serverSaysMalformed = check.error instanceof ApiError && check.error.code === 'malformed_code';
  // A refused date (after the usage end, after the tolerance, in the future) belongs at its field.
  const dateError =
    check.error instanceof ApiError && (SESSION_DATE_REFUSALS as readonly string[]).includes(check.error.code)
      ? check.error.detail
      : undefined;
  // Said once « Vérifier » was pressed, not at each keystroke while the date is being typed.
  const dateShown = dateAsked ? dateProblem : undefined;
  // The redemption confirmed, as the list now has it (cancelled there, maybe).
  const redeemed = done ? (list.data?.redemptions.find((r) => r.id === done.id) ?? done) : null;
  const cancelled = redeemed !== null && redeemed.cancelledAt !== null;
  // A failed re-check keeps the previous data in the cache: it must not keep the form open.
  const known = entry.checked !== null && !check.isError ? check.data : undefined;
  // The pass was refused (used, blocked, unknown…): the desk goes on with the next participant
  // as after a redemption. Tapping the field to clear it put the caret mid-code, and the next
  // code was typed into the refused one.
  const refused =
    entry.checked !== null &&
    !check.isFetching &&
    ((known !== undefined && known.status !== 'redeemable') ||
      (check.error instanceof ApiError && check.error.code === 'unknown_code'));
  const status = done
    ? cancelled
      ? 'cancelled'
      : 'redeemed'
    : check.isFetching
      ? 'checking'
      : check.error instanceof ApiError
        ? check.error.code
        : (known?.status ?? '');

  // Each verdict comes into sight: on a laptop's 700 px it fell below the screen, and nothing
  // seemed to happen. Errors that belong at a field are shown there instead.
  const atField = serverSaysMalformed || dateError !== undefined;
  useEffect(() => {
    if (done || status === '' || status === 'checking') return;
    const wasAsked = asked.current;
    asked.current = false;
    if (atField) return;
    resultRef.current?.scrollIntoView({ block: 'nearest' });
    if (wasAsked) resultRef.current?.focus({ preventScroll: true });
  }, [status, done, atField]);

  // « Confirmer l’encaissement » is gone with its form: the keyboard goes back to the code
  // field, emptied, for the next pass (a scanner typed into the confirmation, and the next
  // scan was lost). The confirmation stays in sight, and a screen reader reads it out: the
  // verdict is a live region.
  useEffect(() => {
    if (!done) return;
    resultRef.current?.scrollIntoView({ block: 'nearest' });
    inputRef.current?.focus({ preventScroll: true });
  }, [done]);

  // The desk opens with the keyboard in the code field: the first scan of the day went nowhere.
  useEffect(() => inputRef.current?.focus(), []);

  return (
    <>
      <CodeForm
        value={entry.input}
        onChange={onType}
        error={entry.error ?? (serverSaysMalformed ? REFUSAL_MESSAGES.malformed_code : undefined)}
        onSubmit={onCheck}
        checking={check.isFetching}
        inputRef={inputRef}
        focusOnArrival
      >
        <SessionDateField
          value={sessionOn}
          today={today}
          error={dateShown ?? dateError}
          inputRef={dateRef}
          onChange={(day) => {
            setChosenOn(day === todayInParis() ? null : day);
            setDone(null);
          }}
        />
      </CodeForm>
      {/* Always in the page, so screen readers announce each verdict as it replaces the last. */}
      <div
        ref={resultRef}
        tabIndex={-1}
        role="status"
        data-testid="pass-check-result"
        data-status={entry.checked === null && !done ? '' : status}
        className={fr.cx('fr-mb-4w')}
      >
        {/* Cancelled from the list: the list says so; « vous pouvez l’annuler » would be wrong here. */}
        {redeemed ? (
          cancelled ? null : (
            <Confirmation redemption={redeemed} />
          )
        ) : entry.checked === null ? null : check.isFetching ? (
          <p>Vérification du pass…</p>
        ) : check.isError && !serverSaysMalformed && !dateError ? (
          <CheckFailure error={check.error} code={formatPassCode(entry.checked)} onBack={onAnother} />
        ) : known ? (
          <PassVerdict pass={known} sessionOn={lateOn} />
        ) : null}
      </div>
      {(done || refused) && (
        <Button type="button" size="large" className={fr.cx('fr-mb-4w')} onClick={onAnother}>
          Encaisser un autre pass
        </Button>
      )}
      {/* Stays while the same code is checked again, so its error summary is not lost. */}
      {!done && known?.status === 'redeemable' && entry.checked && (
        <SessionForm
          key={`${placeId} ${entry.checked} ${sessionOn}`}
          placeId={placeId}
          code={entry.checked}
          pass={known}
          sessionOn={lateOn}
          onRedeemed={(r) => {
            setDone(r);
            // The code is the confirmation's now: the field is the next pass's.
            setEntry({ input: '', checked: null });
            const choice = { theme: r.theme, durationMinutes: r.durationMinutes, format: r.format };
            setLastSession(choice);
            keepDraftSession(placeId, choice);
          }}
          // Read when the form comes: another tab may have recorded a session meanwhile.
          previous={draftSession(placeId) ?? lastSession}
          onRefused={() => void check.refetch()}
        />
      )}
    </>
  );
}
