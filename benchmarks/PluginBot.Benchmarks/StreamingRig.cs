using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Llm;
using PluginBot.Host.Identity;
using PluginBot.Host.Plugins;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Benchmarks;

/// <summary>
/// A <see cref="FakeOpenAiServer"/> on 127.0.0.1 answering every call with one text in 1,000 streamed chunks
/// (no delay, usage included); the real host with the real LlmGateway plugin pointed at it; and the raw OpenAI
/// SDK client (retries off) pointed at it too.
/// </summary>
internal sealed class StreamingRig : IAsyncDisposable
{
    public const int Chunks = 1000;
    public const string Model = "gpt-bench";
    public const string RoutedModel = "gateway:" + Model;
    private const string Token = "sk-bench-0123456789";

    private readonly CancellationTokenSource _cancellable = new();

    private StreamingRig(FakeOpenAiServer fake, BenchHost host, Uri apiRoot)
    {
        Fake = fake;
        Host = host;
        ApiRoot = apiRoot;
        Scope = host.Services.CreateAsyncScope();
        var actor = new Actor(BenchHost.UserIds[0], ActorKind.User, "bench");
        Scope.ServiceProvider.GetRequiredService<ActorAccessor>().Current = actor;
        Router = Scope.ServiceProvider.GetRequiredService<IModelRouter>();
        Context = new LlmCallContext { Actor = actor, Purpose = "bench", IdempotencyKey = "bench" };
        Raw = CreateRawClient();
    }

    /// <summary>Where the product's plugins are staged for this configuration (<c>artifacts/plugins/&lt;Configuration&gt;/</c>).</summary>
    public static string PluginStagingFolder { get; } = typeof(StreamingRig).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PluginStagingFolder").Value!;

    public FakeOpenAiServer Fake { get; }

    public BenchHost Host { get; }

    public Uri ApiRoot { get; }

    /// <summary>An allowed user's scope, as a transport opens one per update.</summary>
    public AsyncServiceScope Scope { get; }

    public IModelRouter Router { get; }

    public LlmCallContext Context { get; }

    /// <summary>The OpenAI SDK's <c>ChatClient</c> through M.E.AI's <c>AsIChatClient()</c>, retries off.</summary>
    public IChatClient Raw { get; }

    /// <summary>A token that can be cancelled (and never is), as callers usually pass.</summary>
    public CancellationToken Cancellable => _cancellable.Token;

    public IReadOnlyList<ChatMessage> Messages { get; } = [new(ChatRole.User, "Stream a long answer.")];

    public static async Task<StreamingRig> StartAsync()
    {
        var fake = new FakeOpenAiServer { ApiKey = Token, Models = [Model], DefaultReply = FakeReply.WithText(Text(), Chunks) };
        await fake.StartAsync();
        var apiRoot = new Uri(fake.BaseAddress, "/v1");
        var root = BenchHost.CreateRoot();
        var plugins = Path.Combine(root, "plugins");
        CopyFolder(Path.Combine(PluginStagingFolder, "Models"), Path.Combine(plugins, "Models"));
        CopyFolder(Path.Combine(PluginStagingFolder, "LlmGateway"), Path.Combine(plugins, "LlmGateway"));
        var host = await BenchHost.BuildAsync(root, plugins, configuration: new Dictionary<string, string?>
        {
            ["Plugins:LlmGateway:Url"] = apiRoot.ToString(),
            ["Plugins:LlmGateway:Token"] = Token,
            ["Plugins:LlmGateway:DefaultModel"] = Model,
            ["Plugins:Models:Provider"] = "gateway",
        });
        var gateway = host.Services.GetRequiredService<PluginCatalog>().Plugins.SingleOrDefault(p => p.Manifest.Id == "llm-gateway");
        if (gateway?.Status != PluginStatus.Active)
        {
            throw new InvalidOperationException($"The LlmGateway plugin is {gateway?.Status.ToString() ?? "missing"}: {gateway?.Reason}");
        }

        return new StreamingRig(fake, host, apiRoot);
    }

    /// <summary>A new raw SDK client on the fake, as the baseline uses.</summary>
    public IChatClient CreateRawClient() =>
        new OpenAIClient(new ApiKeyCredential(Token), new OpenAIClientOptions { Endpoint = ApiRoot, RetryPolicy = new ClientRetryPolicy(0) })
            .GetChatClient(Model)
            .AsIChatClient();

    /// <summary>Reads the raw SDK stream to the end; returns the number of updates.</summary>
    public async Task<int> ReadRawAsync(CancellationToken cancellationToken = default)
    {
        var updates = 0;
        await foreach (var update in Raw.GetStreamingResponseAsync(Messages, cancellationToken: cancellationToken))
        {
            updates++;
        }

        return updates;
    }

    /// <summary>Resolves <c>gateway:gpt-bench</c> through the router and reads its stream to the end; returns the number of updates.</summary>
    public async Task<int> ReadRoutedAsync()
    {
        var resolved = await Router.ResolveAsync(RoutedModel, Context);
        var updates = 0;
        await foreach (var update in resolved.Client.GetStreamingResponseAsync(Messages))
        {
            updates++;
        }

        return updates;
    }

    /// <summary>Checks once that both paths get the whole text and the usage.</summary>
    public async Task VerifyAsync()
    {
        var expected = Text();
        var raw = await CollectAsync(Raw);
        var routed = await CollectAsync((await Router.ResolveAsync(RoutedModel, Context)).Client);
        foreach (var (name, result) in new[] { ("raw", raw), ("routed", routed) })
        {
            if (result.Text != expected || result.Usage?.OutputTokenCount is null || result.Updates < Chunks)
            {
                throw new InvalidOperationException(
                    $"The {name} stream is wrong: {result.Updates} updates, {result.Text.Length} characters, usage {(result.Usage is null ? "missing" : "present")}.");
            }
        }
    }

    /// <summary>
    /// Reads both paths in turn for a while, so that what is measured runs as tier-1 JIT code: with ~10 ms per
    /// operation, the short job's own warm-up is over before tiered compilation is.
    /// </summary>
    public async Task WarmUpAsync(TimeSpan duration)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await ReadRawAsync();
            await ReadRoutedAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Raw.Dispose();
        await Scope.DisposeAsync();
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
        _cancellable.Dispose();
    }

    /// <summary>1,000 words of 4–8 characters; the fake splits it into 1,000 nearly equal chunks.</summary>
    private static string Text()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Chunks; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"w{i:000} ");
        }

        return text.ToString();
    }

    private async Task<(string Text, UsageDetails? Usage, int Updates)> CollectAsync(IChatClient client)
    {
        var text = new StringBuilder();
        UsageDetails? usage = null;
        var updates = 0;
        await foreach (var update in client.GetStreamingResponseAsync(Messages))
        {
            updates++;
            text.Append(update.Text);
            usage ??= update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details;
        }

        return (text.ToString(), usage, updates);
    }

    internal static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            throw new InvalidOperationException($"{from} does not exist: build benchmarks/PluginBot.Benchmarks in this configuration first (it stages the product's plugins).");
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
