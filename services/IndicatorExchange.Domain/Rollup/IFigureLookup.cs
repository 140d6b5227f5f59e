namespace IndicatorExchange.Domain.Rollup;

/// <summary>Where an evaluation finds a leaf's reported figure.</summary>
public interface IFigureLookup
{
    /// <summary>The current figure of a leaf for an indicator and period; null when it has not reported one.</summary>
    LeafFigure? Find(FigureKey key);
}
