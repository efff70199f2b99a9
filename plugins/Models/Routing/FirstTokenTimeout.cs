namespace PluginBot.Plugins.Models.Routing;

/// <summary>
/// The first-token time-out of one attempt, on the host's clock (so a test can move past it instead of waiting),
/// linked to the caller's token: <see cref="Token"/> ends when either fires.
/// </summary>
internal sealed class FirstTokenTimeout : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public FirstTokenTimeout(TimeSpan after, TimeProvider time, CancellationToken callerToken)
    {
        _timer = new CancellationTokenSource(after, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timer.Token);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>True once the time-out fired (and not merely the caller's token).</summary>
    public bool TimedOut => _timer.IsCancellationRequested;

    /// <summary>The first token arrived: the time-out guards nothing more.</summary>
    public void Stop() => _timer.CancelAfter(Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
