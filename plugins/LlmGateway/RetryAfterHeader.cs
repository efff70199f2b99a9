using System.Globalization;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>Reads how long a provider asked to wait: <c>retry-after-ms</c>, or <c>Retry-After</c> in seconds or as a date.</summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Parse(string? milliseconds, string? retryAfter, DateTimeOffset now)
    {
        if (double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParseExact(retryAfter, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at > now ? at - now : TimeSpan.Zero;
        }

        return null;
    }
}
