Attribute VB_Name = "SMEP"
' The SMEP ribbon tab (customUI/customUI14.xml): one callback per button.
'
' Each button runs the function of the same verb in smep_xl/excel.py through
' xlwings' RunPython (the xlwings module in this workbook). The Python side shows
' its own messages, and writes smep-error.log next to this workbook when
' something unexpected goes wrong. Settings for RunPython (which Python to run)
' are on the hidden xlwings.conf sheet: fill them in with
'     smep setup-excel SMEP_Master.xlsm
Option Explicit

Public Sub SmepValidate(control As IRibbonControl)
    RunPython "import smep_xl.excel; smep_xl.excel.validate()"
End Sub

Public Sub SmepRefresh(control As IRibbonControl)
    RunPython "import smep_xl.excel; smep_xl.excel.refresh()"
End Sub

Public Sub SmepLetters(control As IRibbonControl)
    RunPython "import smep_xl.excel; smep_xl.excel.letters()"
End Sub

Public Sub SmepEmail(control As IRibbonControl)
    RunPython "import smep_xl.excel; smep_xl.excel.email()"
End Sub

Public Sub SmepCalendar(control As IRibbonControl)
    RunPython "import smep_xl.excel; smep_xl.excel.calendar()"
End Sub

Public Sub SmepOpenLetters(control As IRibbonControl)
    RunPython "import smep_xl.excel; smep_xl.excel.open_letters()"
End Sub

Public Sub SmepCloseTerm(control As IRibbonControl)
    RunPython "import smep_xl.excel; smep_xl.excel.close_term()"
End Sub

Public Sub SmepBoardReport(control As IRibbonControl)
    RunPython "import smep_xl.excel; smep_xl.excel.board_report()"
End Sub

' Help answers in VBA first, so it works even before Python is set up; the
' Python check is offered as a second step.
Public Sub SmepHelp(control As IRibbonControl)
    Dim text As String
    text = "Validate grid: checks every input sheet and lists each problem on the Findings sheet, with its cell." & vbCrLf & vbCrLf & _
        "Refresh: rates every school and target (RAG), counts visit coverage and rebuilds the Dashboard." & vbCrLf & vbCrLf & _
        "Generate letters: writes a Word feedback letter for each visit marked Send Letter = Yes, and logs it on Letter Log." & vbCrLf & vbCrLf & _
        "E-mail letters: e-mails each logged letter not yet e-mailed to its school (as drafts, unless Email Delivery is Send), and logs it on Email Log." & vbCrLf & vbCrLf & _
        "Calendar: writes each SLE's visits due and follow-ups as a calendar file (.ics) in the Calendar Folder." & vbCrLf & vbCrLf & _
        "Open letters folder: opens the folder named by the Output Folder setting." & vbCrLf & vbCrLf & _
        "Board report: writes the Word report for the board beside this workbook." & vbCrLf & vbCrLf & _
        "Close term: records this term's figures (every measure and school) on the History sheet." & vbCrLf & vbCrLf & _
        "Save the workbook yourself afterwards (Ctrl+S). If a button reports a problem, the message says what to fix; " & _
        "unexpected errors are written to smep-error.log in this workbook's folder." & vbCrLf & vbCrLf & _
        "Check the Python set-up now?"
    If MsgBox(text, vbQuestion + vbYesNo, "SMEP help") = vbYes Then
        RunPython "import smep_xl.excel; smep_xl.excel.help()"
    End If
End Sub
