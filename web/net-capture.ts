// The worker's record of the frames its machine's card moved (the card's
// tap), kept for the network pane to ask for: the last CAPTURE_LIMIT frames,
// numbered from 1 in the order the card moved them. The pane asks for the
// frames after the last number it has; what was overwritten before it asked
// is reported as lost.

import type { CapturedFrame } from '../emulator/devices/nic.ts';
import { TICKS_PER_SECOND } from '../emulator/devices/device.ts';
import type { CapturedFrameView, NetworkFrames } from './protocol.ts';

export const CAPTURE_LIMIT = 1000;
/** At most this many frames per answer, so one poll stays small. */
export const CAPTURE_BATCH = 200;

export class FrameCapture {
  private readonly frames: CapturedFrameView[] = [];
  private count = 0;

  add(f: CapturedFrame): void {
    this.count++;
    this.frames.push({ seq: this.count, direction: f.direction, time: f.tick / TICKS_PER_SECOND, bytes: f.frame.slice() });
    if (this.frames.length > CAPTURE_LIMIT) this.frames.shift();
  }

  /** Frames numbered above `since` (oldest first, at most CAPTURE_BATCH), and how many of them are gone. */
  after(since: number): Pick<NetworkFrames, 'frames' | 'next' | 'lost'> {
    const oldest = this.frames.length ? this.frames[0].seq : this.count + 1;
    const from = Math.max(since + 1, oldest);
    const frames = this.frames.slice(from - oldest, from - oldest + CAPTURE_BATCH);
    return { frames, next: frames.length ? frames[frames.length - 1].seq : Math.max(since, this.count), lost: Math.max(0, oldest - since - 1) };
  }
}
