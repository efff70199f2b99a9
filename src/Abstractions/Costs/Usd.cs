using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PluginBot.Abstractions.Costs;

/// <summary>
/// An amount of US dollars, kept as whole micro-dollars (1 USD = 1,000,000) so that sums are exact. Every conversion
/// from a decimal amount rounds to the nearest micro-dollar, halves away from zero, except an upper bound that must
/// not fall short (<see cref="FromDollarsRoundedUp"/>); arithmetic saturates instead of wrapping. In JSON it is a number of dollars (<c>0.42</c>). Since host API 2.0.
/// </summary>
/// <param name="Micros">The amount in micro-dollars.</param>
[JsonConverter(typeof(UsdJsonConverter))]
public readonly record struct Usd(long Micros) : IComparable<Usd>
{
    /// <summary>Micro-dollars in one dollar.</summary>
    public const long MicrosPerDollar = 1_000_000;

    /// <summary>The most an amount typed by a person may be: a billion dollars.</summary>
    public static readonly decimal MaxTyped = 1_000_000_000m;

    /// <summary>Nothing.</summary>
    public static Usd Zero => default;

    /// <summary>The largest amount (a saturated sum).</summary>
    public static Usd MaxValue => new(long.MaxValue);

    /// <summary>The amount in dollars.</summary>
    public decimal Dollars => (decimal)Micros / MicrosPerDollar;

    /// <summary>True for a positive amount.</summary>
    public bool IsPositive => Micros > 0;

    /// <summary>
    /// <paramref name="dollars"/> rounded to the nearest micro-dollar (halves away from zero); amounts beyond the
    /// range saturate.
    /// </summary>
    public static Usd FromDollars(decimal dollars)
    {
        const decimal Limit = long.MaxValue / MicrosPerDollar;
        if (Math.Abs(dollars) > Limit)
        {
            return new(dollars > 0 ? long.MaxValue : long.MinValue);
        }

        var micros = Math.Round(dollars * MicrosPerDollar, MidpointRounding.AwayFromZero);
        return new(micros >= long.MaxValue ? long.MaxValue : micros <= long.MinValue ? long.MinValue : (long)micros);
    }

    /// <summary>
    /// <paramref name="dollars"/> rounded up to the next micro-dollar, for an upper bound only: the most a call may
    /// cost, which a budget reserves before the call runs. Rounding such a bound to the nearest could put it a fraction
    /// of a micro-dollar below the real price and let a call through that the budget cannot pay for. Amounts beyond the
    /// range saturate.
    /// </summary>
    public static Usd FromDollarsRoundedUp(decimal dollars)
    {
        const decimal Limit = long.MaxValue / MicrosPerDollar;
        if (Math.Abs(dollars) > Limit)
        {
            return new(dollars > 0 ? long.MaxValue : long.MinValue);
        }

        var micros = decimal.Ceiling(dollars * MicrosPerDollar);
        return new(micros >= long.MaxValue ? long.MaxValue : micros <= long.MinValue ? long.MinValue : (long)micros);
    }

    /// <summary>An amount in micro-dollars.</summary>
    public static Usd FromMicros(long micros) => new(micros);

    /// <summary>
    /// Parses a dollar amount as people type it (<c>5</c>, <c>0.50</c>, <c>$2</c>, up to a billion); false for
    /// anything else, negative amounts included.
    /// </summary>
    public static bool TryParse(string? text, out Usd amount)
    {
        amount = Zero;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        if (trimmed[0] == '$')
        {
            trimmed = trimmed[1..];
        }

        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var dollars) || dollars > MaxTyped)
        {
            return false;
        }

        amount = FromDollars(dollars);
        return true;
    }

    /// <summary>The sum, saturated at the range's ends.</summary>
    public static Usd operator +(Usd left, Usd right) => new(Saturate((Int128)left.Micros + right.Micros));

    /// <summary>The difference, saturated at the range's ends.</summary>
    public static Usd operator -(Usd left, Usd right) => new(Saturate((Int128)left.Micros - right.Micros));

    /// <summary>The amount times a whole factor, saturated at the range's ends.</summary>
    public static Usd operator *(Usd amount, long factor) => new(Saturate((Int128)amount.Micros * factor));

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator <(Usd left, Usd right) => left.Micros < right.Micros;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator >(Usd left, Usd right) => left.Micros > right.Micros;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator <=(Usd left, Usd right) => left.Micros <= right.Micros;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator >=(Usd left, Usd right) => left.Micros >= right.Micros;

    /// <summary>The smaller of two amounts.</summary>
    public static Usd Min(Usd left, Usd right) => left <= right ? left : right;

    /// <summary>The larger of two amounts.</summary>
    public static Usd Max(Usd left, Usd right) => left >= right ? left : right;

    /// <inheritdoc />
    public int CompareTo(Usd other) => Micros.CompareTo(other.Micros);

    /// <summary>
    /// For display: two decimals from a dollar up (<c>$12.35</c>), up to four below (<c>$0.0213</c>), up to six below a
    /// cent (<c>$0.000042</c>), <c>$0</c> for nothing.
    /// </summary>
    public override string ToString()
    {
        if (Micros == 0)
        {
            return "$0";
        }

        var sign = Micros < 0 ? "-" : "";
        var dollars = Math.Abs((decimal)Micros) / MicrosPerDollar;
        var format = dollars >= 1m ? "#,0.00" : dollars >= 0.01m ? "0.00##" : "0.######";
        return $"{sign}${dollars.ToString(format, CultureInfo.InvariantCulture)}";
    }

    /// <summary>The amount as a plain number of dollars with every digit (<c>0.000042</c>), for files and command lines.</summary>
    public string ToInvariantString() => Dollars.ToString("0.######", CultureInfo.InvariantCulture);

    private static long Saturate(Int128 micros) => micros > long.MaxValue ? long.MaxValue : micros < long.MinValue ? long.MinValue : (long)micros;
}

/// <summary>Writes <see cref="Usd"/> as a number of dollars and reads it back.</summary>
public sealed class UsdJsonConverter : JsonConverter<Usd>
{
    /// <inheritdoc />
    public override Usd Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var dollars)
            ? Usd.FromDollars(dollars)
            : throw new JsonException("A dollar amount is a number, e.g. 0.50.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Usd value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.Dollars);
    }
}
