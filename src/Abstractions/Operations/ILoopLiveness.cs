namespace PluginBot.Abstractions.Operations;

/// <summary>
/// Where background loops report that they still turn. The host's systemd watchdog pings only while every
/// registered loop has beaten within its own limit, so a loop that hangs (a stuck update loop, a worker pool that
/// stopped claiming) gets the service restarted instead of leaving a bot that answers <c>/health</c> but does nothing.
/// </summary>
public interface ILoopLiveness
{
    /// <summary>
    /// Registers a loop that counts as alive from now until <paramref name="maxSilence"/> passes without a
    /// <see cref="ILoopBeat.Beat"/>. Dispose the beat when the loop ends on purpose (shutdown, or work handed over).
    /// </summary>
    /// <param name="name">A short stable name shown in logs and metrics, e.g. <c>telegram:updates</c>.</param>
    /// <param name="maxSilence">The longest a healthy loop may go between two beats: its slowest normal turn plus a margin.</param>
    ILoopBeat Register(string name, TimeSpan maxSilence);
}

/// <summary>One registered loop.</summary>
public interface ILoopBeat : IDisposable
{
    /// <summary>Says the loop completed a turn (or started one) just now.</summary>
    void Beat();
}
