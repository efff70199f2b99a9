using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>
/// Reads a price file shaped like LiteLLM's <c>model_prices_and_context_window.json</c>: an object of model name →
/// per-token prices. Documentation keys (<c>sample_spec</c>, any key starting with <c>_</c>), unknown fields and
/// entries without a per-token input price (images, audio, per-second pricing) are skipped. A file with any fault
/// is refused whole, with the line at fault, so a half-read file never replaces good prices.
/// </summary>
internal static partial class PriceFileParser
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static PriceFileResult Parse(ReadOnlySpan<byte> utf8Json, string source)
    {
        var json = utf8Json.StartsWith(Encoding.UTF8.Preamble) ? utf8Json[Encoding.UTF8.Preamble.Length..] : utf8Json;
        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new PriceFileResult.Failed($"{source} line 1: the file is empty; it must be a JSON object of model name → prices");
        }

        var reader = new Utf8JsonReader(json, ReaderOptions);
        var prices = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        string? updated = null;
        try
        {
            if (ReadTable(ref reader, prices, ref updated) is { } fault)
            {
                return new PriceFileResult.Failed($"{source} line {LineAt(json, fault.Offset)}: {fault.Message}");
            }
        }
        catch (JsonException ex)
        {
            // The reader counts lines from zero.
            return new PriceFileResult.Failed($"{source} line {(ex.LineNumber ?? 0) + 1}: not valid JSON ({Reason(ex)})");
        }

        return new PriceFileResult.Loaded(new PriceTable(prices.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), updated));
    }

    private static Fault? ReadTable(ref Utf8JsonReader reader, Dictionary<string, ModelPrice> prices, ref string? updated)
    {
        if (!reader.Read())
        {
            return new Fault(0, "the file holds only comments; it must be a JSON object of model name → prices");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return new Fault(reader.TokenStartIndex, $"the file must be a JSON object of model name → prices, not {Describe(ref reader)}");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var keyOffset = reader.TokenStartIndex;
            var key = reader.GetString()!.Trim();
            reader.Read();
            if (key.Equals("_about", StringComparison.OrdinalIgnoreCase))
            {
                updated = ReadUpdated(ref reader) ?? updated;
                continue;
            }

            if (key.StartsWith('_') || key.Equals("sample_spec", StringComparison.OrdinalIgnoreCase))
            {
                reader.Skip();
                continue;
            }

            if (key.Length == 0)
            {
                return new Fault(keyOffset, "a model name is empty");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return new Fault(reader.TokenStartIndex, $"\"{key}\" must be an object of prices, not {Describe(ref reader)}");
            }

            if (ReadEntry(ref reader, key, out var price) is { } fault)
            {
                return fault;
            }

            if (price is not null)
            {
                prices[key] = price;
            }
        }

        // Reading past the end makes the reader reject anything after the object.
        reader.Read();
        return null;
    }

    private static Fault? ReadEntry(ref Utf8JsonReader reader, string model, out ModelPrice? price)
    {
        price = null;
        var entry = new PriceEntryBuilder();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.GetString()!;
            reader.Read();
            if (PriceField().Match(field) is { Success: true } match)
            {
                if (ReadRate(ref reader, model, field, out var rate) is { } fault)
                {
                    return fault;
                }

                entry.Set(match.Groups["rate"].Value, Threshold(match), rate);
                continue;
            }

            switch (field)
            {
                case "max_input_tokens" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var maxInput):
                    entry.MaxInputTokens = maxInput;
                    break;
                case "max_output_tokens" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var maxOutput):
                    entry.MaxOutputTokens = maxOutput;
                    break;
                case "litellm_provider" when reader.TokenType == JsonTokenType.String:
                    entry.Provider = reader.GetString();
                    break;
                default:
                    // Unknown fields, and known ones of an unexpected shape, are informational: skipped.
                    reader.Skip();
                    break;
            }
        }

        price = entry.Build();
        return null;
    }

    private static Fault? ReadRate(ref Utf8JsonReader reader, string model, string field, out decimal? rate)
    {
        rate = null;
        var at = reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetDecimal(out var value):
                if (value < 0)
                {
                    return new Fault(at, $"\"{field}\" of \"{model}\" must not be negative ({Encoding.UTF8.GetString(reader.ValueSpan)})");
                }

                rate = value;
                return null;
            case JsonTokenType.Number:
                return new Fault(at, $"\"{field}\" of \"{model}\" is out of range ({Encoding.UTF8.GetString(reader.ValueSpan)})");
            default:
                return new Fault(at, $"\"{field}\" of \"{model}\" must be a number, not {Describe(ref reader)}");
        }
    }

    private static string? ReadUpdated(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? updated = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isUpdated = reader.ValueTextEquals("updated"u8);
            reader.Read();
            if (isUpdated && reader.TokenType == JsonTokenType.String)
            {
                updated = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return updated;
    }

    private static long? Threshold(Match match)
    {
        if (!match.Groups["tokens"].Success)
        {
            return null;
        }

        var tokens = long.Parse(match.Groups["tokens"].Value, CultureInfo.InvariantCulture);
        return match.Groups["k"].Length > 0 ? tokens * 1000 : tokens;
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"\"{Shorten(reader.GetString()!)}\"",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        _ => Encoding.UTF8.GetString(reader.ValueSpan),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : $"{text[..40]}…";

    private static long LineAt(ReadOnlySpan<byte> json, long offset) =>
        json[..(int)Math.Min(offset, json.Length)].Count((byte)'\n') + 1;

    private static string Reason(JsonException exception)
    {
        // The reader's message ends with its own zero-based position, which would contradict ours.
        var message = exception.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (position > 0 ? message[..position] : message).TrimEnd('.', ' ');
    }

    [GeneratedRegex(@"^(?<rate>input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost|output_cost_per_reasoning_token)(?:_above_(?<tokens>\d{1,9})(?<k>k?)_tokens)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PriceField();

    private readonly record struct Fault(long Offset, string Message);
}
