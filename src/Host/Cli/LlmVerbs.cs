using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Plugins;
using PluginBot.Host.Hosting;

namespace PluginBot.Host.Cli;

/// <summary>
/// <c>pluginbot ask</c> and <c>pluginbot models</c>: the same router, gate and pipeline as the bot uses, reached
/// through the SDK only (the router is the Models plugin's).
/// </summary>
internal sealed class LlmVerbs(HostBuildOptions options, TextWriter output, TextWriter error)
{
    public Command Ask()
    {
        var prompt = new Argument<string>("prompt") { Description = "What to ask." };
        var model = new Option<string?>("--model") { Description = "An alias or endpoint:model; default: LLM_MODEL." };
        var system = new Option<string?>("--system") { Description = "A system prompt." };
        var asUser = new Option<long?>("--as") { Description = "Run as this allowed user (spend is theirs); default: the system." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object at the end instead of streaming text." };
        var command = new Command("ask", "Ask a model once and stream the answer; ends with endpoint, model, tokens, cost and latency.") { prompt, model, system, asUser, json };
        command.SetAction((parse, ct) => HostSession.RunAsync(options, error, async app =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            if (await NoRouterAsync(scope.ServiceProvider))
            {
                return CliApp.Failed;
            }

            await KernelStartup.PrepareDatabaseBesideBotAsync(app.Services, ct);
            var actor = await ActorAsync(scope.ServiceProvider, parse.GetValue(asUser), ct);
            if (actor is null)
            {
                await error.WriteLineAsync($"User {parse.GetValue(asUser)} is not on the allow-list: /allow them first, or leave out --as.");
                return CliApp.ConfigurationError;
            }

            scope.ServiceProvider.GetRequiredService<Identity.ActorAccessor>().Current = actor;
            return await RunAskAsync(scope.ServiceProvider.GetRequiredService<IMediator>(), new AskModel.Command(parse.GetValue(prompt)!, parse.GetValue(model), parse.GetValue(system)), parse.GetValue(json), ct);
        }));
        return command;
    }

    public Command Models()
    {
        var command = new Command("models", "List every model on every endpoint, with aliases and availability.");
        command.SetAction((_, ct) => HostSession.RunAsync(options, error, async app =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            if (await NoRouterAsync(scope.ServiceProvider))
            {
                return CliApp.Failed;
            }

            var listings = await scope.ServiceProvider.GetRequiredService<IModelRouter>().ListModelsAsync(ct);
            if (listings.Count == 0)
            {
                await error.WriteLineAsync("No model endpoint is active: set LLM_GATEWAY_URL (and LLM_GATEWAY_TOKEN) or OLLAMA_URL. See `pluginbot config check`.");
                return CliApp.Failed;
            }

            var width = listings.Select(l => l.Reference.ToString().Length).DefaultIfEmpty(5).Max();
            await output.WriteLineAsync($"{"MODEL".PadRight(width)}  AVAILABLE  ALIASES");
            foreach (var listing in listings.OrderBy(l => l.Reference.ToString(), StringComparer.Ordinal))
            {
                await output.WriteLineAsync($"{listing.Reference.ToString().PadRight(width)}  {(listing.Available ? "yes" : "no "),-9}  {string.Join(", ", listing.Aliases)}".TrimEnd());
            }

            // The router's own check names every alias, fallback and provider that does not resolve.
            var checks = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains(HealthCheckTags.Configuration) && r.Name.StartsWith("models:", StringComparison.Ordinal), ct);
            foreach (var entry in checks.Entries.Values.Where(e => e.Status != HealthStatus.Healthy))
            {
                await error.WriteLineAsync($"Configuration: {entry.Description}");
            }

            return CliApp.Ok;
        }));
        return command;
    }

    /// <summary>True, having said so, when no plugin provides the router.</summary>
    private async Task<bool> NoRouterAsync(IServiceProvider services)
    {
        if (services.GetRequiredService<IModelRouter>() is not NoModelRouter)
        {
            return false;
        }

        await error.WriteLineAsync(NoModelRouter.Message);
        return true;
    }

    private static async Task<Actor?> ActorAsync(IServiceProvider services, long? userId, CancellationToken cancellationToken) =>
        userId is { } id ? await services.GetRequiredService<IUserDirectory>().ResolveAsync(id, "cli", cancellationToken) : Actor.System("cli");

    private async Task<int> RunAskAsync(IMediator mediator, AskModel.Command request, bool json, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var text = new StringBuilder();
        var usage = new UsageDetails();
        AskModel.Answer? answer = null;
        try
        {
            answer = await mediator.Send(request, cancellationToken);
            await foreach (var update in answer.Updates.WithCancellation(cancellationToken))
            {
                usage.Add(update.Contents.OfType<UsageContent>().Aggregate(new UsageDetails(), (sum, u) => { sum.Add(u.Details); return sum; }));
                text.Append(update.Text);
                if (!json)
                {
                    await output.WriteAsync(update.Text);
                    await output.FlushAsync(cancellationToken);
                }
            }
        }
        catch (PluginBotException ex)
        {
            if (!json && text.Length > 0)
            {
                await output.WriteLineAsync();
            }

            await error.WriteLineAsync(ex.Message);
            return CliApp.Failed;
        }

        var latency = Stopwatch.GetElapsedTime(started);
        long? cost = usage.AdditionalCounts?.TryGetValue(LlmKeys.ProviderCostMicros, out var micros) == true ? micros : null;
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                endpoint = answer.Model.Endpoint,
                model = answer.Model.Model,
                alias = answer.Alias,
                text = text.ToString(),
                inputTokens = usage.InputTokenCount ?? 0,
                outputTokens = usage.OutputTokenCount ?? 0,
                cachedInputTokens = usage.CachedInputTokenCount ?? 0,
                reasoningTokens = usage.ReasoningTokenCount ?? 0,
                providerCostUsd = cost / 1_000_000m,
                latencyMs = (long)latency.TotalMilliseconds,
            }));
            return CliApp.Ok;
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"— {answer.Model.Endpoint} · {answer.Model.Model} · {usage.InputTokenCount ?? 0} in / {usage.OutputTokenCount ?? 0} out · {(cost is { } c ? $"${c / 1_000_000m:0.######}" : "-")} · {latency.TotalSeconds:0.0} s"));
        return CliApp.Ok;
    }
}
