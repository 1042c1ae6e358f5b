package org.pensim.protocol.screening.corpus;

import java.util.Set;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.screening.IndicatorCode;

/**
 * One labelled notification of the screening corpus.
 *
 * @param method   "licit" or the diversion method it plays
 * @param expected the indicators that should fire, known from how the notification was built
 * @param refused  whether the importing authority objects to it (feeds company-shopping detection)
 */
public record CorpusEntry(String method, Set<IndicatorCode> expected, boolean refused, PreExportNotification notification) {
}
