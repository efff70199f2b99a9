using System.ClientModel.Primitives;
using System.Globalization;
using PluginBot.Abstractions.Costs;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// A pipeline step of the OpenAI client: tags each generation request with its call context for LiteLLM's
/// spend tracking, and reads the price LiteLLM puts in <c>x-litellm-response-cost</c> (USD) into the call's
/// <see cref="CallScope"/>. Gateways that send no such header are unaffected.
/// </summary>
internal sealed class LiteLlmPolicy : PipelinePolicy
{
    public const string CostHeader = "x-litellm-response-cost";

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        var scope = CallScope.Current;
        Tag(message, scope);
        ProcessNext(message, pipeline, currentIndex);
        ReadCost(message, scope);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        var scope = CallScope.Current;
        Tag(message, scope);
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
        ReadCost(message, scope);
    }

    /// <summary>
    /// A USD amount as LiteLLM writes it (<c>0.0012345</c>, <c>2.5e-5</c>), by <see cref="Usd"/>'s one rounding rule;
    /// null when it is not a price.
    /// </summary>
    public static Usd? ParseCost(string? usd) =>
        decimal.TryParse(usd, NumberStyles.Float, CultureInfo.InvariantCulture, out var dollars) && dollars >= 0
            ? Usd.FromDollars(dollars)
            : null;

    private static void Tag(PipelineMessage message, CallScope? scope)
    {
        if (scope?.Context is { } context)
        {
            message.Request.Headers.Set(LiteLlmTags.Header, LiteLlmTags.From(context));
        }
    }

    private static void ReadCost(PipelineMessage message, CallScope? scope)
    {
        if (scope is not null && message.Response is { } response && response.Headers.TryGetValue(CostHeader, out var value))
        {
            // The call scope and the usage event still carry bare micro-dollars (LlmKeys.ProviderCostMicros).
            scope.CostMicros = ParseCost(value)?.Micros;
        }
    }
}
