package dev.kirogateway.kiro;

import static dev.kirogateway.kiro.KiroRequestBuilder.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** One user or assistant turn. */
final class Turn {
  /** A tool call; {@code clientId}/{@code clientName} as sent, for the text form (R8). */
  record Use(String id, String name, String clientId, String clientName, JsonNode input) {
    String asText() {
      String head = clientId.isEmpty()
          ? "[Tool: " + clientName + "]"
          : "[Tool: " + clientName + " (" + clientId + ")]";
      return head + "\n" + json(input);
    }
  }

  /** A tool result with its text flattened (R21). */
  record Res(String id, String clientId, String text, boolean error) {
    String asText() {
      return (clientId.isEmpty() ? "[Tool Result]" : "[Tool Result (" + clientId + ")]")
          + "\n" + text;
    }
  }

  /** A validated image (R16) with its §7.6 token cost. */
  record Img(String format, String base64, int tokens) {}

  final boolean user;
  String text = "";
  final List<Img> images = new ArrayList<>();
  final List<Use> uses = new ArrayList<>();
  final List<Res> results = new ArrayList<>();

  Turn(boolean user) {
    this.user = user;
  }

  /** Adds a piece after the existing text with a blank line (R3, R8). */
  void appendPiece(String piece) {
    text = text.isEmpty() ? piece : piece.isEmpty() ? text : text + "\n\n" + piece;
  }

  /** Adds a piece of the same message with a newline (R21 flattening). */
  void appendLine(String line) {
    text = text.isEmpty() ? line : text + "\n" + line;
  }

  /**
   * R8, R11 and misplaced blocks: tool turns go to text when no tools are declared, when the
   * tool is not declared, or when the block sits on the wrong side (uses on user turns, results
   * on assistant turns).
   */
  static void textualiseUnsendable(List<Turn> turns, Set<String> declared) {
    for (Turn t : turns) {
      for (Iterator<Use> it = t.uses.iterator(); it.hasNext(); ) {
        Use u = it.next();
        if (t.user || !declared.contains(u.name())) {
          t.appendPiece(u.asText());
          it.remove();
        }
      }
      for (Iterator<Res> it = t.results.iterator(); it.hasNext(); ) {
        Res r = it.next();
        if (!t.user || declared.isEmpty()) {
          t.appendPiece(r.asText());
          it.remove();
        }
      }
    }
  }

  /** R3: adjacent turns of the same role become one, keeping everything in order. */
  static List<Turn> merge(List<Turn> turns) {
    List<Turn> out = new ArrayList<>();
    for (Turn t : turns) {
      Turn last = out.isEmpty() ? null : out.getLast();
      if (last != null && last.user == t.user) {
        last.appendPiece(t.text);
        last.images.addAll(t.images);
        last.uses.addAll(t.uses);
        last.results.addAll(t.results);
      } else {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * R9/R10 on alternating turns: a result must answer a use of the assistant turn just before;
   * a use must be answered in the user turn just after. Only the first block with an id pairs;
   * later repeats become text on both sides, so the two sides always agree.
   */
  static void pair(List<Turn> turns) {
    List<Set<String>> useIds = new ArrayList<>();
    List<Set<String>> resultIds = new ArrayList<>();
    for (Turn t : turns) {
      useIds.add(t.uses.stream().map(Use::id).collect(Collectors.toSet()));
      resultIds.add(t.results.stream().map(Res::id).collect(Collectors.toSet()));
    }
    for (int i = 0; i < turns.size(); i++) {
      Turn t = turns.get(i);
      Set<String> partner = t.user
          ? (i > 0 ? useIds.get(i - 1) : Set.of())
          : (i + 1 < turns.size() ? resultIds.get(i + 1) : Set.of());
      Set<String> seen = new HashSet<>();
      if (t.user) {
        t.results.removeIf(r -> keepOrText(t, partner, seen, r.id(), r.asText()));
      } else {
        t.uses.removeIf(u -> keepOrText(t, partner, seen, u.id(), u.asText()));
      }
    }
  }

  // True (remove) when the id is unmatched or repeated; the block then becomes text.
  private static boolean keepOrText(
      Turn t, Set<String> partner, Set<String> seen, String id, String text) {
    if (partner.contains(id) && seen.add(id)) {
      return false;
    }
    t.appendPiece(text);
    return true;
  }

  /** R4/R5; returns true when the current message is a placeholder after a prefill. */
  static boolean fixEnds(List<Turn> turns) {
    if (turns.isEmpty()) {
      turns.add(new Turn(true));
      return false;
    }
    if (!turns.getFirst().user) {
      turns.addFirst(new Turn(true));
    }
    if (!turns.getLast().user) {
      turns.add(new Turn(true));
      return true;
    }
    return false;
  }
}
