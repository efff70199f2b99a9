using PluginBot.TestKit;

namespace PluginBot.Host.Tests;

/// <summary>Tests that share one running host with the real plugins folder; each test gets a fresh database.</summary>
[CollectionDefinition(Name)]
public sealed class KernelCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "kernel";
}
