using System.Collections.Concurrent;
using PluginBot.Abstractions.Actors;
using PluginBot.Host.Identity;

namespace PluginBot.Host.Tests.Support;

/// <summary>
/// The directory's database reads, able to hold one user's read after it has read the row and before the directory
/// caches it: a refill that read before a change and writes after it.
/// </summary>
internal sealed class PausingUserRows(UserRows rows) : IUserRows
{
    private readonly ConcurrentDictionary<long, Pause> _pauses = new();

    /// <summary>The next read of <paramref name="userId"/> waits after reading until <see cref="Pause.Release"/>.</summary>
    public Pause PauseAfterRead(long userId) => _pauses[userId] = new Pause();

    public async Task<UserEntry?> FindAsync(long userId, CancellationToken cancellationToken)
    {
        var entry = await rows.FindAsync(userId, cancellationToken);
        if (_pauses.TryRemove(userId, out var pause))
        {
            pause.SignalRead();
            await pause.Released;
        }

        return entry;
    }

    public sealed class Pause
    {
        private readonly TaskCompletionSource _read = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the row has been read (and the read is held).</summary>
        public Task Read => _read.Task;

        internal Task Released => _released.Task;

        public void Release() => _released.TrySetResult();

        internal void SignalRead() => _read.TrySetResult();
    }
}
