using Polly;
using Polly.Retry;

namespace PluginBot.Plugins.Models.Routing;

/// <summary>
/// The one retry layer: exponential backoff with jitter, honouring Retry-After, for failures before any output. It
/// holds no per-call state, so the runtime builds it once (building one costs tens of microseconds, as much as the
/// rest of a call's set-up).
/// </summary>
internal static class RetryPipeline
{
    public static ResiliencePipeline Build(ModelsSettings settings, TimeProvider time)
    {
        // One attempt means no retry at all; Polly refuses a retry strategy with zero retries.
        if (settings.MaxAttempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<AttemptFailedException>(e => e.Failure.IsTransient),
            MaxRetryAttempts = settings.MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.RetryBaseDelay,
            MaxDelay = settings.RetryMaxDelay,
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is AttemptFailedException { Failure.RetryAfter: { } after }
                ? (TimeSpan?)TimeSpan.FromTicks(Math.Min(after.Ticks, settings.RetryMaxDelay.Ticks))
                : null),
        })
        .Build();
    }
}
