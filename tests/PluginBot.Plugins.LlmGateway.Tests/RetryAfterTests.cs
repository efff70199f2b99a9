using PluginBot.Abstractions.Llm;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.LlmGateway.Tests;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_rate_limit_with_retry_after_ms_waits_that_many_milliseconds_rather_than_the_rounded_seconds()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(FakeReply.WithError(OpenAiErrors.RateLimit(2) with { RetryAfterMilliseconds = 1250.5 }));

        var failure = await Failures.Of(Endpoints.OpenAi(fake.BaseAddress), streamed: false);

        Assert.Equal(LlmFailureKind.RateLimited, failure.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(1250.5), failure.RetryAfter);
        Assert.Contains("wait 2 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_after_as_an_http_date_is_the_time_left_until_then()
    {
        var at = Now.AddSeconds(90).ToString("r", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfterHeader.Parse(null, at, Now));
    }

    [Fact]
    public void Retry_after_as_a_date_already_past_means_no_wait()
    {
        var at = Now.AddMinutes(-5).ToString("r", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Parse(null, at, Now));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("-5", "-1")]
    [InlineData("soon", "tomorrow")]
    public void Headers_that_are_not_a_wait_give_none(string? milliseconds, string? retryAfter)
    {
        Assert.Null(RetryAfterHeader.Parse(milliseconds, retryAfter, Now));
    }

    [Fact]
    public void A_bad_retry_after_ms_falls_back_to_retry_after_in_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterHeader.Parse("n/a", "7", Now));
    }
}
