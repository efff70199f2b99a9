using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Settings;
using PluginBot.Plugins.Models.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Models.Tests.Routing;

[Collection(RouterCollection.Name)]
public sealed class ModelRouterTests(RouterFixture host) : HostTest<RouterFixture>(host)
{
    private static readonly LlmCallContext Context = new() { Actor = HostFixture.User, TaskId = "t-1", Project = "site", IdempotencyKey = "t-1:1:1", Purpose = "task" };

    public override Task InitializeAsync()
    {
        Host.Reset();
        return base.InitializeAsync();
    }

    private async Task<ResolvedModel> ResolveAsync(string? model)
    {
        await using var scope = Host.CreateScope(HostFixture.User);
        return await scope.ServiceProvider.GetRequiredService<IModelRouter>().ResolveAsync(model, Context);
    }

    private static async Task<string> StreamAsync(ResolvedModel model, CancellationToken cancellationToken = default)
    {
        var text = "";
        await foreach (var update in model.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancellationToken))
        {
            text += update.Text;
        }

        return text;
    }

    private LlmCallCompleted[] Events => [.. Host.Usage.Events];

    [Fact]
    public async Task An_alias_under_the_old_Models_key_still_resolves_and_the_plugin_says_it_can_move()
    {
        var model = await ResolveAsync("legacy");

        Assert.Equal(new ModelReference("gateway", "legacy-model"), model.Reference);
        Assert.Contains(Host.Logs.Lines, line => line.Contains("Read for compatibility: Models:Aliases:legacy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_streamed_answer_arrives_whole_with_one_usage_event_carrying_the_call_context()
    {
        var calls = Host.Gateway.Calls.Count;
        Host.Gateway.Enqueue(FakeReply.WithText("Hello, team.", chunks: 4) with { Usage = new FakeUsage(120, 30, CachedInputTokens: 100, ReasoningTokens: 10) });

        Assert.Equal("Hello, team.", await StreamAsync(await ResolveAsync("gateway:gpt-test")));

        var usage = Assert.Single(Events);
        Assert.Equal((LlmCallOutcome.Completed, "gateway", "gpt-test", 1), (usage.Outcome, usage.Endpoint, usage.Model, usage.AttemptNumber));
        Assert.Equal(new LlmUsage(120, 30, 100, 10), usage.Usage);
        Assert.Equal(Context, usage.Context);
        Assert.Null(usage.ProviderCost);
        Assert.Equal(calls + 1, Host.Gateway.Calls.Count);
        Assert.Equal(4096, Host.Gateway.LastCall.MaxCompletionTokens ?? Host.Gateway.LastCall.MaxTokens);
        Assert.Contains("task:t-1", Host.Gateway.LastCall.Header("x-litellm-tags"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_streamed_answer_carries_the_gateways_reported_cost()
    {
        Host.Gateway.Enqueue(FakeReply.WithText("Priced.") with { Cost = 0.00042m });
        var response = await (await ResolveAsync("gateway:gpt-test")).Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal("Priced.", response.Text);
        Assert.Equal(Usd.FromMicros(420), Assert.Single(Events).ProviderCost);
    }

    [Fact]
    public async Task Rate_limits_are_retried_and_every_attempt_is_counted_exactly()
    {
        var calls = Host.Gateway.Calls.Count;
        Host.Gateway.Enqueue(
            FakeReply.WithError(OpenAiErrors.RateLimit(retryAfterSeconds: 1)),
            FakeReply.WithError(OpenAiErrors.RateLimit(retryAfterSeconds: 1)),
            FakeReply.WithText("third time lucky"));

        Assert.Equal("third time lucky", await StreamAsync(await ResolveAsync("gateway:gpt-test")));

        Assert.Equal(calls + 3, Host.Gateway.Calls.Count);
        Assert.Equal([LlmCallOutcome.Failed, LlmCallOutcome.Failed, LlmCallOutcome.Completed], Events.Select(e => e.Outcome));
        Assert.Equal([1, 2, 3], Events.Select(e => e.AttemptNumber));
        Assert.Equal(3, Events.Select(e => e.AttemptId).Distinct().Count());
        Assert.Equal(3, Host.Gate.Settled.Count(s => Events.Any(e => e.AttemptId == s.AttemptId)));
    }

    [Fact]
    public async Task A_failing_model_falls_back_to_the_next_in_its_chain_before_any_output()
    {
        var gatewayCalls = Host.Gateway.Calls.Count;
        Host.Gateway.DefaultReply = FakeReply.WithError(OpenAiErrors.ServerError());
        Host.Backup.Enqueue(FakeReply.WithText("from the spare"));

        var resolved = await ResolveAsync("smart");
        Assert.Equal(("gateway:smart-model", "smart"), (resolved.Reference.ToString(), resolved.Alias));
        Assert.Equal("from the spare", await StreamAsync(resolved));

        Assert.Equal(gatewayCalls + 3, Host.Gateway.Calls.Count); // three attempts on the primary, then the fallback
        Assert.Equal(["gateway", "gateway", "gateway", "backup"], Events.Select(e => e.Endpoint));
        Assert.Equal("spare-model", Host.Backup.LastCall.Model);
    }

    [Fact]
    public async Task When_the_whole_chain_fails_the_error_names_the_fallbacks_too()
    {
        Host.Gateway.DefaultReply = FakeReply.WithError(OpenAiErrors.ServerError());
        Host.Backup.DefaultReply = FakeReply.WithError(OpenAiErrors.Overloaded());

        var error = await Assert.ThrowsAsync<LlmCallFailedException>(async () => await StreamAsync(await ResolveAsync("smart")));
        Assert.Equal(LlmFailureKind.ServerError, error.Failure.Kind);
        Assert.Equal("backup", error.Endpoint);
        Assert.Contains("fallbacks (backup:spare-model) failed too", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, Events.Length);
    }

    [Fact]
    public async Task A_stream_that_breaks_after_output_is_surfaced_not_retried()
    {
        var calls = Host.Gateway.Calls.Count;
        Host.Gateway.Enqueue(FakeReply.WithText("one two three four five six", chunks: 6) with { CutAfterFrames = 3 });

        var received = "";
        var error = await Assert.ThrowsAsync<LlmCallFailedException>(async () =>
        {
            await foreach (var update in (await ResolveAsync("gateway:gpt-test")).Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
            {
                received += update.Text;
            }
        });

        Assert.StartsWith("The answer from gateway:gpt-test broke off", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(received);
        Assert.Equal(calls + 1, Host.Gateway.Calls.Count);
        Assert.Equal(LlmCallOutcome.CutOff, Assert.Single(Events).Outcome);
    }

    [Fact]
    public async Task A_rejected_token_is_not_retried_and_the_message_never_holds_the_token()
    {
        var calls = Host.Gateway.Calls.Count;
        Host.Gateway.Enqueue(FakeReply.WithError(OpenAiErrors.InvalidApiKey()));

        var error = await Assert.ThrowsAsync<LlmCallFailedException>(async () => await StreamAsync(await ResolveAsync("gateway:gpt-test")));
        Assert.Equal(LlmFailureKind.Authentication, error.Failure.Kind);
        Assert.Contains("LLM_GATEWAY_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RouterFixture.GatewayToken, error.Message, StringComparison.Ordinal);
        Assert.Equal(calls + 1, Host.Gateway.Calls.Count);
        Assert.DoesNotContain(Host.Logs.Lines, l => l.Contains(RouterFixture.GatewayToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Garbage_instead_of_a_stream_is_one_clear_failure()
    {
        Host.Gateway.Enqueue(FakeReply.WithText("x", chunks: 3) with { Malformed = MalformedFrame.NonJsonData });
        var error = await Assert.ThrowsAsync<LlmCallFailedException>(async () => await StreamAsync(await ResolveAsync("gateway:gpt-test")));
        Assert.Contains("gateway", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(Events);
        Assert.All(Events, e => Assert.NotEqual(LlmCallOutcome.Completed, e.Outcome));
    }

    [Fact]
    public async Task A_caller_that_stops_reading_early_is_recorded_as_cancelled()
    {
        Host.Gateway.Enqueue(FakeReply.WithText("a b c d e f", chunks: 6) with { ChunkDelay = TimeSpan.FromMilliseconds(20) });
        await foreach (var _ in (await ResolveAsync("gateway:gpt-test")).Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
        {
            break;
        }

        Assert.Equal(LlmCallOutcome.Cancelled, Assert.Single(Events).Outcome);
    }

    [Fact]
    public async Task A_denying_budget_gate_stops_the_call_before_any_request()
    {
        var calls = Host.Gateway.Calls.Count;
        Host.Gate.Decisions.Enqueue(new BudgetDecision.Deny("Daily budget of $1.00 is spent ($1.02); it resets at 00:00 UTC.", "user/day", Usd.FromMicros(1_020_000), Usd.FromMicros(1_000_000)));

        var error = await Assert.ThrowsAsync<BudgetExceededException>(async () => await StreamAsync(await ResolveAsync("gateway:gpt-test")));
        Assert.Equal("user/day", error.Budget);
        Assert.Equal(calls, Host.Gateway.Calls.Count);
        Assert.Empty(Events);
    }

    [Fact]
    public async Task A_budget_gate_can_send_the_call_to_a_cheaper_model()
    {
        Host.Gate.Decisions.Enqueue(new BudgetDecision.UseModel(new ModelReference("backup", "cheap-model"), "near the daily budget"));
        Host.Backup.Enqueue(FakeReply.WithText("cheaper answer"));

        Assert.Equal("cheaper answer", await StreamAsync(await ResolveAsync("gateway:gpt-test")));
        Assert.Equal("cheap-model", Host.Backup.LastCall.Model);
        var usage = Assert.Single(Events);
        Assert.Equal(("backup", "cheap-model"), (usage.Endpoint, usage.Model));
    }

    [Fact]
    public async Task The_gate_is_asked_with_the_maximum_output_and_the_call_context()
    {
        await StreamAsync(await ResolveAsync("gateway:gpt-test"));
        var asked = Host.Gate.Asked.Last();
        Assert.Equal(4096, asked.MaxOutputTokens);
        Assert.Equal(Context, asked.Context);
        Assert.True(asked.EstimatedInputTokens > 0);
    }

    [Fact]
    public async Task Without_a_model_the_users_saved_choice_wins_over_the_provider_default()
    {
        Assert.Equal("gateway:gpt-test", (await ResolveAsync(null)).Reference.ToString());

        await using (var scope = Host.CreateScope(HostFixture.System))
        {
            await scope.ServiceProvider.GetRequiredService<ISettingsStore>().SetAsync(SettingKeys.Model, new SettingScope.User(HostFixture.UserId), "spare");
        }

        var resolved = await ResolveAsync(null);
        Assert.Equal(("backup:spare-model", "spare"), (resolved.Reference.ToString(), resolved.Alias));
    }

    [Fact]
    public async Task An_unknown_alias_or_endpoint_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<ModelNotAvailableException>(() => ResolveAsync("gatewy:gpt-4o"));
        Assert.Contains("configured endpoints are", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_are_listed_per_endpoint_with_their_aliases()
    {
        Host.Gateway.Models = ["gpt-test", "smart-model"];
        await using var scope = Host.CreateScope(HostFixture.User);
        var listings = await scope.ServiceProvider.GetRequiredService<IModelRouter>().ListModelsAsync();

        var smart = Assert.Single(listings, l => l.Reference == new ModelReference("gateway", "smart-model"));
        Assert.True(smart.Available);
        Assert.Equal(["smart"], smart.Aliases);
        Assert.Contains(listings, l => l.Reference == new ModelReference("backup", "spare-model") && l.Aliases.Contains("spare"));
    }

    [Fact]
    public async Task An_endpoint_never_has_more_calls_in_flight_than_its_limit()
    {
        var calls = Host.Backup.Calls.Count;
        var firstGoesOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Host.Backup.Enqueue(
            FakeReply.WithText("slow one two three", chunks: 4) with { HoldUntil = firstGoesOn.Task },
            FakeReply.WithText("second"));
        var concurrency = LoadedPlugin.Service(Host.Services, typeof(PluginBot.Plugins.Models.Routing.EndpointConcurrency));

        var first = StreamAsync(await ResolveAsync("backup:m1"));
        await Eventually.UntilAsync(() => Host.Backup.Calls.Count == calls + 1);
        var second = StreamAsync(await ResolveAsync("backup:m2"));

        await Eventually.UntilAsync(() => LoadedPlugin.Property<int>(concurrency, "Waiting") == 1); // the second waits for the first's slot
        Assert.Equal(calls + 1, Host.Backup.Calls.Count);
        firstGoesOn.SetResult();
        Assert.Equal("slow one two three", await first);
        Assert.Equal("second", await second);
        Assert.Equal(calls + 2, Host.Backup.Calls.Count);
    }

}
