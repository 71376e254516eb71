import { describe, expect, it } from 'vitest';
import { durationSeconds, formatBytes, formatDimensions, formatDuration, formatType, uploadProblem } from './media';

describe('media formatting', () => {
  it('gives sizes in binary units with one decimal below ten', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(15 * 1024 * 1024)).toBe('15 MB');
    expect(formatBytes(3.25 * 1024 ** 3)).toBe('3.3 GB');
  });

  it('reads a Duration as Jackson writes it: decimal seconds or ISO-8601', () => {
    expect(durationSeconds(12.5)).toBe(12.5);
    expect(durationSeconds('12.500000000')).toBe(12.5);
    expect(durationSeconds('PT1M15.4S')).toBeCloseTo(75.4);
    expect(durationSeconds('PT1H2M5S')).toBe(3725);
    expect(durationSeconds(null)).toBeNull();
    expect(durationSeconds('PT')).toBeNull();
    expect(durationSeconds('soon')).toBeNull();
  });

  it('shows durations as m:ss or h:mm:ss, and nothing for a still image', () => {
    expect(formatDuration(75.4)).toBe('1:15');
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration('PT1H2M5S')).toBe('1:02:05');
    expect(formatDuration(undefined)).toBeNull();
  });

  it('shows dimensions only when both are known, and the type as people name it', () => {
    expect(formatDimensions({ width: 1920, height: 1080 })).toBe('1920 × 1080');
    expect(formatDimensions({ width: 1920, height: null })).toBeNull();
    expect(formatType('image/png')).toBe('PNG');
    expect(formatType('video/quicktime')).toBe('MOV');
    expect(formatType('image/x-icon')).toBe('ICON');
  });

  it('turns a refused upload into its problem detail, or the status without one', () => {
    const tooBig = uploadProblem(413, 'application/problem+json', JSON.stringify({ title: 'Media too large', detail: 'the upload exceeds the limit of 10 bytes' }));
    expect(tooBig.status).toBe(413);
    expect(tooBig.detail).toBe('the upload exceeds the limit of 10 bytes');
    const proxy = uploadProblem(502, 'text/html', '<html>Bad gateway</html>');
    expect(proxy.detail).toBe('HTTP 502');
    expect(uploadProblem(415, 'application/json', 'not json').detail).toBe('HTTP 415');
  });
});
