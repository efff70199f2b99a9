namespace PluginBot.Abstractions.Costs;

/// <summary>The host API 1.x helpers over bare micro-dollars; <see cref="Usd"/> carries the one rule for both.</summary>
public static class Money
{
    /// <summary>Micro-dollars in one dollar.</summary>
    public const long MicrosPerDollar = Usd.MicrosPerDollar;

    /// <inheritdoc cref="Usd.ToString"/>
    public static string Format(long micros) => Usd.FromMicros(micros).ToString();

    /// <summary>Parses a dollar amount as people type it (<c>5</c>, <c>0.50</c>, <c>$2</c>); null when it is not one.</summary>
    public static long? ParseDollars(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Usd.TryParse(text, out var amount) ? amount.Micros : null;
    }
}
