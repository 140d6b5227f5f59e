namespace IndicatorExchange.Architecture.Tests;

/// <summary>The cycle finder itself, on small graphs: a rule that cannot fail shows nothing.</summary>
public sealed class NamespaceGraphTests
{
    [Fact]
    public void Layers_have_no_cycle()
    {
        var graph = new NamespaceGraph();
        graph.Add("A.Grpc", "A.Application", "grpc uses application");
        graph.Add("A.Application", "A.Storage", "application uses storage");
        graph.Add("A.Storage.Sqlite", "A.Storage", "engine implements the port");
        graph.Add("A.Grpc", "A.Storage", "grpc uses storage");

        Assert.Empty(graph.Cycles());
    }

    [Fact]
    public void A_use_back_up_the_layers_is_a_cycle_naming_its_members_and_uses()
    {
        var graph = new NamespaceGraph();
        graph.Add("A.Grpc", "A.Application", "grpc uses application");
        graph.Add("A.Application", "A.Storage", "application uses storage");
        graph.Add("A.Storage", "A.Application", "storage uses application");
        graph.Add("A.Other", "A.Other2", "unrelated");

        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(["A.Application", "A.Storage"], cycle.Namespaces);
        Assert.Equal(["application uses storage", "storage uses application"], cycle.Uses);
    }

    [Fact]
    public void A_cycle_through_three_namespaces_is_one_component()
    {
        var graph = new NamespaceGraph();
        graph.Add("X", "Y", "x→y");
        graph.Add("Y", "Z", "y→z");
        graph.Add("Z", "X", "z→x");

        Assert.Equal(["X", "Y", "Z"], Assert.Single(graph.Cycles()).Namespaces);
    }

    [Fact]
    public void A_real_cycle_in_compiled_code_is_found()
    {
        // This test assembly's own namespaces are a known shape: the fixture types below use each other across two namespaces.
        var types = ProductionCode.Architecture.Types; // loads the architecture, so a broken loader fails here too
        Assert.NotEmpty(types);
        var graph = NamespaceGraph.Of(new ArchUnitNET.Loader.ArchLoader()
            .LoadAssemblies(typeof(CycleFixture.Left.UsesRight).Assembly).Build().Types
            .Where(t => t.Namespace.FullName.StartsWith("IndicatorExchange.Architecture.Tests.CycleFixture", StringComparison.Ordinal)));

        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(["IndicatorExchange.Architecture.Tests.CycleFixture.Left", "IndicatorExchange.Architecture.Tests.CycleFixture.Right"], cycle.Namespaces);
    }
}
