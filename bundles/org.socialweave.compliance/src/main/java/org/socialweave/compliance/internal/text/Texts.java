package org.socialweave.compliance.internal.text;

import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckSubject;

/** The folded text and title of a run, folded once and shared by every check of the run. */
public final class Texts {

  private static final String TEXT_KEY = FoldedText.class.getName() + ".text";
  private static final String TITLE_KEY = FoldedText.class.getName() + ".title";

  private Texts() {}

  public static FoldedText text(CheckSubject subject, CheckContext context) {
    return context.shared(TEXT_KEY, FoldedText.class, k -> FoldedText.of(subject.text()));
  }

  /** The folded title, or {@code null} when the subject has none. */
  public static FoldedText title(CheckSubject subject, CheckContext context) {
    if (subject.title() == null || subject.title().isEmpty()) {
      return null;
    }
    return context.shared(TITLE_KEY, FoldedText.class, k -> FoldedText.of(subject.title()));
  }
}
