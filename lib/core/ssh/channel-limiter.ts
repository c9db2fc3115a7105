// OpenSSH allows 10 sessions per connection (MaxSessions); every exec and sftp takes one, and
// sshd frees a closed one a moment after we see it close. 5 open + 5 being freed stays under 10;
// servers with a lower MaxSessions are handled by retrying the channel open (exec-channel.ts).
export const MAX_CHANNELS_PER_CONNECTION = 5;

export class ChannelLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max = MAX_CHANNELS_PER_CONNECTION) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter; otherwise free it.
      if (next) next();
      else this.active--;
    }
  }
}
