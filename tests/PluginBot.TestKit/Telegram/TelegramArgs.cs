using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PluginBot.TestKit.Telegram;

/// <summary>An uploaded file part of a multipart request.</summary>
public sealed record UploadedFile(string FieldName, string FileName, string? ContentType, long Size);

/// <summary>
/// The parameters of one Bot API call, from the query string and a JSON, form-encoded or multipart body. Form values
/// arrive as strings; objects (<c>reply_markup</c>, <c>scope</c>) are then JSON-serialized strings, as the API allows.
/// </summary>
internal sealed class TelegramArgs
{
    private readonly Dictionary<string, JsonNode?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UploadedFile> _files = new(StringComparer.Ordinal);

    public static async Task<TelegramArgs?> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var args = new TelegramArgs();
        foreach (var (key, value) in request.Query)
        {
            args._values[key] = JsonValue.Create(value.ToString());
        }

        if (request.HasJsonContentType())
        {
            try
            {
                if (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) is not JsonObject body)
                {
                    return null;
                }

                foreach (var (key, value) in body)
                {
                    args._values[key] = value?.DeepClone();
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, value) in form)
            {
                args._values[key] = JsonValue.Create(value.ToString());
            }

            foreach (var file in form.Files)
            {
                args._files[file.Name] = new UploadedFile(file.Name, file.FileName, file.ContentType, file.Length);
            }
        }

        return args;
    }

    public IReadOnlyDictionary<string, UploadedFile> Files => _files;

    public bool Has(string name) => _values.TryGetValue(name, out var value) && value is not null;

    public string? Text(string name) => _values.GetValueOrDefault(name) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => other.ToJsonString(),
    };

    public long? Number(string name) =>
        long.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    public int? SmallNumber(string name) => Number(name) is { } number ? checked((int)number) : null;

    public bool Flag(string name) => Text(name) is { } text && bool.TryParse(text, out var flag) && flag;

    /// <summary>An object or array parameter, whether sent as JSON or as a JSON-serialized form string.</summary>
    public JsonNode? Node(string name)
    {
        var value = _values.GetValueOrDefault(name);
        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                return JsonNode.Parse(text.GetValue<string>());
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return value;
    }
}
