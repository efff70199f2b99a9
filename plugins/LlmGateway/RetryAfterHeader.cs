using System.Globalization;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// Reads how long a provider asked to wait before the next call: <c>retry-after-ms</c> (OpenAI's milliseconds), else
/// <c>Retry-After</c> in seconds or as an HTTP date. A header is never trusted: what is not a non-negative number or a
/// date (<c>NaN</c>, <c>-5</c>, garbage) is ignored, a date in the past is no wait, and any wait beyond
/// <see cref="Longest"/> (<c>1e300</c>, <c>Infinity</c>, the year 9999) is cut to it. It never throws: a header is the provider's to send, not to crash the error handling with.
/// </summary>
internal static class RetryAfterHeader
{
    // The date forms HTTP allows: RFC 1123 (the one to send), RFC 850 and asctime (obsolete, still accepted).
    private static readonly string[] DateFormats = ["r", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy"];

    /// <summary>The longest wait a header can ask for (a day). The router waits at most <c>Models:Retry:MaxDelayMs</c> anyway.</summary>
    public static TimeSpan Longest { get; } = TimeSpan.FromDays(1);

    /// <summary>The wait the headers ask for, at most <see cref="Longest"/>; null when they ask for none that makes sense.</summary>
    /// <param name="milliseconds">The <c>retry-after-ms</c> header, if any.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> header, if any.</param>
    /// <param name="now">The current time, for a header that names a date.</param>
    public static TimeSpan? Parse(string? milliseconds, string? retryAfter, DateTimeOffset now)
    {
        if (Seconds(milliseconds, scale: 0.001) is { } fromMilliseconds)
        {
            return fromMilliseconds;
        }

        if (Seconds(retryAfter, scale: 1) is { } fromSeconds)
        {
            return fromSeconds;
        }

        if (DateTimeOffset.TryParseExact(retryAfter?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at <= now ? TimeSpan.Zero : Capped((at - now).TotalSeconds);
        }

        return null;
    }

    private static TimeSpan? Seconds(string? text, double scale) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? Capped(value * scale)
            : null; // NaN and negatives compare false

    // Compared as doubles before any TimeSpan is made: TimeSpan.FromSeconds overflows beyond about 29,000 years.
    private static TimeSpan Capped(double seconds) => seconds >= Longest.TotalSeconds ? Longest : TimeSpan.FromSeconds(seconds);
}
