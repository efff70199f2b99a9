using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PluginBot.Abstractions.Requests;
using PluginBot.Host.Configuration;

namespace PluginBot.Host.Pipeline;

/// <summary>
/// Serialises request arguments for the audit log with secrets replaced by <c>***</c>: properties marked
/// <see cref="SecretAttribute"/> and properties whose names say token, secret, password or api key.
/// </summary>
internal static class RedactingJson
{
    public const string Mask = "***";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { Redact } },
        MaxDepth = 16,
    };

    public static string Serialize<T>(T value)
    {
        try
        {
            return JsonSerializer.Serialize(value, value?.GetType() ?? typeof(T), Options);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return JsonSerializer.Serialize(new { unserializable = value?.GetType().Name });
        }
    }

    /// <summary>A record's <c>[Secret]</c> on a positional parameter lands on the parameter, not the property.</summary>
    private static bool MarkedOnConstructor(Type type, string? name) =>
        name is not null && type.GetConstructors().SelectMany(c => c.GetParameters())
            .Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.IsDefined(typeof(SecretAttribute)));

    private static void Redact(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = 0; i < type.Properties.Count; i++)
        {
            var property = type.Properties[i];
            var member = property.AttributeProvider as MemberInfo;
            var secret = member?.IsDefined(typeof(SecretAttribute), inherit: true) == true
                || FlatNames.IsSecret(member?.Name ?? property.Name)
                || MarkedOnConstructor(type.Type, member?.Name);
            if (secret)
            {
                var masked = type.CreateJsonPropertyInfo(typeof(string), property.Name);
                masked.Get = _ => Mask;
                type.Properties[i] = masked;
            }
        }
    }
}
