using System.ClientModel.Primitives;
using System.Globalization;
using PluginBot.Abstractions.Storage;

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

    /// <summary>Turns a USD amount as LiteLLM writes it into whole micro-dollars; null when it is not a price.</summary>
    public static long? ToMicros(string? usd) =>
        decimal.TryParse(usd, NumberStyles.Float, CultureInfo.InvariantCulture, out var dollars) && dollars >= 0
            ? (long)Math.Round(dollars * StorageConventions.MicroDollarsPerDollar, MidpointRounding.AwayFromZero)
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
            scope.CostMicros = ToMicros(value);
        }
    }
}
