using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Host.Plugins;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Plugins;

/// <summary>A real host started on a plugins folder the subclass assembles from the test plugins.</summary>
public abstract class PluginScenarioFixture : HostFixture
{
    public PluginsFolder Folder { get; } = new();

    public PluginCatalog Catalog => Services.GetRequiredService<PluginCatalog>();

    protected override string PluginsPath => Folder.Root;

    /// <summary>The one plugin with this id.</summary>
    public PluginRecord Plugin(string id) => Assert.Single(Catalog.Plugins, p => p.Manifest.Id == id);

    /// <summary>A type from a loaded plugin's own assembly (its load context, not the test's).</summary>
    public Type PluginType(string id, string typeName) =>
        Plugin(id).Assembly?.GetType(typeName, throwOnError: true)
        ?? throw new InvalidOperationException($"Plugin {id} has no loaded assembly.");

    /// <summary>
    /// Creates a plugin's request as the host's <see cref="IRequest{TResponse}"/>: the cast only succeeds when
    /// the plugin shares MediatR's type identity with the host.
    /// </summary>
    public IRequest<string> PluginRequest(string id, string typeName, params object[] arguments) =>
        (IRequest<string>)Activator.CreateInstance(PluginType(id, typeName), arguments)!;

    /// <summary>Lines the plugin loader logged about this fixture's folder.</summary>
    public IReadOnlyList<string> LoaderLog => [.. Logs.Lines.Where(l => l.StartsWith("Warning PluginBot.Plugins", StringComparison.Ordinal) || l.StartsWith("Information PluginBot.Plugins", StringComparison.Ordinal)).Where(l => l.Contains(Folder.Root, StringComparison.Ordinal))];

    public override async Task InitializeAsync()
    {
        Arrange(Folder);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Folder.Dispose();
    }

    protected abstract void Arrange(PluginsFolder folder);
}
