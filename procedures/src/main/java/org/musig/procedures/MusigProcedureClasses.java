package org.musig.procedures;

import java.util.List;
import org.musig.procedures.auto.AutoEmbedProcedures;
import org.musig.procedures.benchmark.BenchmarkProcedures;
import org.musig.procedures.evaluate.EvaluateProcedures;
import org.musig.procedures.graph.GraphProcedures;
import org.musig.procedures.load.LoadProcedures;
import org.musig.procedures.load.SchemaProcedures;
import org.musig.procedures.progress.ProgressProcedures;
import org.musig.procedures.recommend.ExplainProcedures;
import org.musig.procedures.recommend.RecommendProcedures;
import org.musig.procedures.split.SplitProcedures;
import org.musig.procedures.train.EmbedProcedures;
import org.musig.procedures.train.TrainProcedures;

/**
 * Every class holding MUSIG procedures or functions. A server finds them by scanning the plugin jar;
 * the embedded launcher and the tests register exactly these.
 */
public final class MusigProcedureClasses {
    public static final List<Class<?>> PROCEDURES = List.of(SchemaProcedures.class, LoadProcedures.class,
            ProgressProcedures.class, SplitProcedures.class, GraphProcedures.class, TrainProcedures.class,
            EmbedProcedures.class, RecommendProcedures.class, ExplainProcedures.class, EvaluateProcedures.class,
            BenchmarkProcedures.class, AutoEmbedProcedures.class);
    public static final List<Class<?>> FUNCTIONS = List.of();

    private MusigProcedureClasses() {
    }
}
