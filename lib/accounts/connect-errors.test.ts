import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { CONNECT_ERRORS, ConnectError, connectedHandle, connectErrorCode, connectErrorMessage, GENERIC_CONNECT_ERROR, type ConnectErrorCode } from './connect-errors';

const codes = Object.keys(CONNECT_ERRORS) as ConnectErrorCode[];

describe('connectErrorMessage', () => {
  it('gives each known code its own sentence', () => {
    for (const code of codes) expect(connectErrorMessage(code)).toBe(CONNECT_ERRORS[code]);
    expect(connectErrorMessage('expired')).toBe('This connection attempt expired. Start again from the accounts page.');
  });

  it('never repeats what the link says: anything else gets the generic sentence', () => {
    const attacker = 'Your account is locked. Call +1 555 0100 to unlock it';
    for (const param of [attacker, 'X refused: whatever', 'EXPIRED', 'expired ', 'constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(connectErrorMessage(param)).toBe(GENERIC_CONNECT_ERROR);
    }
    // Given twice, the parameter is an array: not a code either, even made of codes.
    expect(connectErrorMessage(['expired', attacker])).toBe(GENERIC_CONNECT_ERROR);
    expect(connectErrorMessage(['expired'])).toBe(GENERIC_CONNECT_ERROR);
  });

  it('says nothing without a parameter', () => {
    expect(connectErrorMessage(undefined)).toBeNull();
    expect(connectErrorMessage('')).toBeNull();
  });
});

describe('connectErrorCode', () => {
  it('carries a ConnectError’s code, as an AppError with its status', () => {
    for (const code of codes) {
      const error = new ConnectError(code);
      expect(error).toBeInstanceOf(AppError);
      expect(error.message).toBe(CONNECT_ERRORS[code]);
      expect(connectErrorCode(error)).toBe(code);
    }
    expect(new ConnectError('taken').status).toBe(409);
    expect(new ConnectError('expired').status).toBe(400);
  });

  it('takes anything else for X not being reachable', () => {
    expect(connectErrorCode(new Error('socket hang up'))).toBe('unreachable');
    expect(connectErrorCode(new AppError(400, 'Invalid input'))).toBe('unreachable');
    expect(connectErrorCode('thrown string')).toBe('unreachable');
  });
});

describe('connectedHandle', () => {
  const owned = [{ username: 'Herald_Team' }, { username: 'alice' }];

  it('confirms one of the person’s own accounts, spelled as stored', () => {
    expect(connectedHandle('alice', owned)).toBe('alice');
    expect(connectedHandle('herald_team', owned)).toBe('Herald_Team');
  });

  it('confirms nothing for a handle the person does not own, or text that is no handle', () => {
    for (const param of ['bob', 'alice is hacked, visit evil.example', 'a'.repeat(16), 'alice<script>', '', 'al ice']) {
      expect(connectedHandle(param, owned)).toBeNull();
    }
    expect(connectedHandle(['alice', 'bob'], owned)).toBeNull();
    expect(connectedHandle(undefined, owned)).toBeNull();
  });
});
