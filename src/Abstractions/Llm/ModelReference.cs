using System.Diagnostics.CodeAnalysis;

namespace PluginBot.Abstractions.Llm;

/// <summary>
/// A model on a configured endpoint, written <c>endpoint:model</c> and split on the first colon only, so
/// <c>ollama:qwen2.5:7b</c> is model <c>qwen2.5:7b</c> on endpoint <c>ollama</c>.
/// </summary>
/// <param name="Endpoint">The configured endpoint's name, e.g. <c>gateway</c>.</param>
/// <param name="Model">The model id as the endpoint spells it.</param>
public sealed record ModelReference(string Endpoint, string Model)
{
    /// <summary>Splits <c>endpoint:model</c>; false when either side is empty or there is no colon.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ModelReference? reference)
    {
        reference = null;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        reference = new ModelReference(text[..colon].Trim(), text[(colon + 1)..].Trim());
        return reference.Endpoint.Length > 0 && reference.Model.Length > 0;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Endpoint}:{Model}";
}
