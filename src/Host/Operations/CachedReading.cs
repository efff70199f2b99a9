namespace PluginBot.Host.Operations;

/// <summary>
/// A value read at scrape time and kept briefly: a gauge that queries the database costs one query per period,
/// however often Prometheus (or several of them) scrapes.
/// </summary>
internal sealed class CachedReading<T>(Func<T> read, TimeSpan lifetime, TimeProvider time)
{
    private readonly Lock _gate = new();
    private (T Value, long At)? _last;

    public T Value
    {
        get
        {
            lock (_gate)
            {
                // A clock that went back (a test clock, a changed system clock) makes the reading stale, not eternal.
                if (_last is { } last && time.GetElapsedTime(last.At) is var age && age >= TimeSpan.Zero && age < lifetime)
                {
                    return last.Value;
                }

                var value = read();
                _last = (value, time.GetTimestamp());
                return value;
            }
        }
    }
}
