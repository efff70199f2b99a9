using System.Globalization;

namespace PluginBot.Abstractions.Costs;

/// <summary>Money is kept in integer micro-dollars (1 USD = 1,000,000) so that sums are exact.</summary>
public static class Money
{
    /// <summary>Micro-dollars in one dollar.</summary>
    public const long MicrosPerDollar = Storage.StorageConventions.MicroDollarsPerDollar;

    /// <summary>
    /// Dollars for display: two decimals from a dollar up (<c>$12.35</c>), up to four below (<c>$0.0213</c>), up to
    /// six below a cent (<c>$0.000042</c>), <c>$0</c> for nothing.
    /// </summary>
    public static string Format(long micros)
    {
        if (micros == 0)
        {
            return "$0";
        }

        var sign = micros < 0 ? "-" : "";
        var dollars = Math.Abs((decimal)micros) / MicrosPerDollar;
        var format = dollars >= 1m ? "#,0.00" : dollars >= 0.01m ? "0.00##" : "0.######";
        var text = dollars.ToString(format, CultureInfo.InvariantCulture);
        return $"{sign}${text}";
    }

    /// <summary>Parses a dollar amount as people type it (<c>5</c>, <c>0.50</c>, <c>$2</c>); null when it is not one.</summary>
    public static long? ParseDollars(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().TrimStart('$');
        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var dollars)
            || dollars > 1_000_000_000m)
        {
            return null;
        }

        return (long)Math.Round(dollars * MicrosPerDollar, MidpointRounding.AwayFromZero);
    }
}
